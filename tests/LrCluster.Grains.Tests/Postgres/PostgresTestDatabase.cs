using LrCluster.Grains.Store.Postgres;
using Npgsql;

namespace LrCluster.Grains.Tests.Postgres;

/// <summary>
/// A private, empty schema in the test server for one test, dropped on dispose. Tests run in parallel and a
/// claim takes trials of every sweep in the database, so each test needs tables of its own; a schema (through
/// the search path) gives that without the CREATEDB privilege. Stores made here carry an application name
/// unique to the test, so a test can kill exactly its own connections.
/// </summary>
internal sealed class PostgresTestDatabase : IDisposable
{
    private readonly string _adminConnectionString;

    public PostgresTestDatabase()
    {
        var server = new NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString(PostgresTestEnvironment.RequireUrl()));
        Schema = $"t_{Guid.NewGuid():N}"[..18];
        _adminConnectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false }.ConnectionString;
        ConnectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString)
        {
            SearchPath = Schema,
            ApplicationName = $"lrc-test-{Schema}",
        }.ConnectionString;
        Execute($"CREATE SCHEMA \"{Schema}\"");
    }

    public string Schema { get; }

    /// <summary>The server's connection string, with this test's schema as the search path.</summary>
    public string ConnectionString { get; }

    public string ApplicationName => $"lrc-test-{Schema}";

    public object? Scalar(string sql)
    {
        using var c = new NpgsqlConnection(_adminConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        return cmd.ExecuteScalar();
    }

    public void Execute(string sql) => Scalar(sql);

    public void Dispose() => Execute($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE");
}
