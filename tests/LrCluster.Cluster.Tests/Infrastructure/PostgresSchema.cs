using LrCluster.Grains.Store.Postgres;
using Npgsql;

namespace LrCluster.Cluster.Tests;

/// <summary>
/// A private, empty schema in the test server for one test, dropped on dispose (the same idea as
/// LrCluster.Grains.Tests' PostgresTestDatabase): a claim takes trials of every sweep in the database, so each test
/// needs tables of its own. <see cref="Url"/> names the schema through <c>?search_path=</c>, which is how a silo
/// process (<c>--store postgres://...</c>) is pointed at it.
/// </summary>
internal sealed class PostgresSchema : IDisposable
{
    private readonly string _adminConnectionString;

    public PostgresSchema()
    {
        var server = PostgresEnvironment.RequireUrl();
        Schema = $"c_{Guid.NewGuid():N}"[..18];
        _adminConnectionString = new NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString(server)) { Pooling = false }.ConnectionString;
        var separator = server.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        Url = $"{server}{separator}search_path={Schema}&application_name=lrc-cluster-{Schema}";
        Execute($"CREATE SCHEMA \"{Schema}\"");
    }

    public string Schema { get; }

    /// <summary>A <c>postgres://</c> URL whose connections use this schema only.</summary>
    public string Url { get; }

    public void Execute(string sql)
    {
        using var c = new NpgsqlConnection(_adminConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        try
        {
            Execute($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE");
        }
        catch (NpgsqlException)
        {
            // The server may be down after a failed restart test; a leftover schema harms no one.
        }
    }
}
