using System.Globalization;
using System.Net;
using System.Text.Json;
using LrCluster.Grains.Store.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Messaging;
using OrleansClusterOptions = Orleans.Configuration.ClusterOptions;

namespace LrCluster.Grains.Membership;

/// <summary>
/// Orleans' membership table over our own PostgreSQL schema (migration 3 of the store): one row per silo incarnation
/// and one version row per cluster. Every update names the table version's etag it read (and an update the row's
/// etag), runs in one transaction and fails without side effects when either moved on, which is the optimistic
/// protocol Orleans' membership relies on. The same rows give clients their gateways. Calls fail fast: Orleans retries
/// membership operations itself, and a slow table must not stall its probes.
/// </summary>
public sealed class PostgresMembershipTable : IMembershipTable, IGatewayListProvider, IDisposable
{
    private const string Columns =
        "address, port, generation, silo_name, host_name, status, proxy_port, role_name, update_zone, fault_zone, suspect_times, start_time, i_am_alive_time, etag";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _clusterId;

    public PostgresMembershipTable(string storeUrl, IOptions<OrleansClusterOptions> cluster)
    {
        _dataSource = NpgsqlDataSource.Create(PostgresSweepStore.Tuned(PostgresUrl.ToConnectionString(storeUrl)));
        _clusterId = cluster.Value.ClusterId;
    }

    public TimeSpan MaxStaleness => TimeSpan.FromSeconds(30);

    [Obsolete("Orleans no longer reads it; every provider is updatable.")]
    public bool IsUpdatable => true;

    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        if (tryInitTableVersion)
        {
            await ExecuteAsync("INSERT INTO membership_versions (cluster_id, version, etag) VALUES (@c, 0, 0) ON CONFLICT DO NOTHING", null, ("c", _clusterId));
        }
    }

    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public Task DeleteMembershipTableEntries(string clusterId) =>
        ExecuteAsync("DELETE FROM membership_versions WHERE cluster_id = @c", null, ("c", clusterId));

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) =>
        // Active silos stay whatever their I-am-alive says: only Orleans' votes may take a member out.
        ExecuteAsync("DELETE FROM membership WHERE cluster_id = @c AND status <> @active AND i_am_alive_time < @before", null,
            ("c", _clusterId), ("active", (int)SiloStatus.Active), ("before", beforeDate.UtcDateTime));

    public Task<MembershipTableData> ReadAll() => ReadAsync(null);

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadAsync(key);

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InTransactionAsync(async (c, tx) =>
        await BumpVersionAsync(c, tx, tableVersion) && await ExecuteAsync(
            $"""
            INSERT INTO membership (cluster_id, {Columns})
            VALUES (@c, @address, @port, @generation, @name, @host, @status, @proxy, @role, @update_zone, @fault_zone, @suspects, @start, @alive, 0)
            ON CONFLICT DO NOTHING
            """,
            (c, tx), [("c", _clusterId), .. EntryParameters(entry)]) == 1);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => InTransactionAsync(async (c, tx) =>
        long.TryParse(etag, CultureInfo.InvariantCulture, out var rowEtag) && await BumpVersionAsync(c, tx, tableVersion) && await ExecuteAsync(
            """
            UPDATE membership SET silo_name = @name, host_name = @host, status = @status, proxy_port = @proxy, role_name = @role,
                update_zone = @update_zone, fault_zone = @fault_zone, suspect_times = @suspects, start_time = @start, i_am_alive_time = @alive,
                etag = etag + 1
            WHERE cluster_id = @c AND address = @address AND port = @port AND generation = @generation AND etag = @etag
            """,
            (c, tx), [("c", _clusterId), ("etag", rowEtag), .. EntryParameters(entry)]) == 1);

    public Task UpdateIAmAlive(MembershipEntry entry) => ExecuteAsync(
        "UPDATE membership SET i_am_alive_time = @alive WHERE cluster_id = @c AND address = @address AND port = @port AND generation = @generation",
        null, ("c", _clusterId), ("alive", Utc(entry.IAmAliveTime)), ("address", Host(entry.SiloAddress)), ("port", entry.SiloAddress.Endpoint.Port),
        ("generation", entry.SiloAddress.Generation));

    public async Task<IList<Uri>> GetGateways()
    {
        var data = await ReadAsync(null);
        return data.Members.Select(m => m.Item1).Where(e => e.Status == SiloStatus.Active && e.ProxyPort > 0)
            .Select(e => SiloAddress.New(e.SiloAddress.Endpoint.Address, e.ProxyPort, e.SiloAddress.Generation).ToGatewayUri()).ToList();
    }

    public void Dispose() => _dataSource.Dispose();

    /// <summary>The table version moves on only from the etag the caller read: a concurrent change makes this false.</summary>
    private async Task<bool> BumpVersionAsync(NpgsqlConnection c, NpgsqlTransaction tx, TableVersion version) =>
        long.TryParse(version.VersionEtag, CultureInfo.InvariantCulture, out var etag) && await ExecuteAsync(
            "UPDATE membership_versions SET version = @v, etag = etag + 1 WHERE cluster_id = @c AND etag = @etag",
            (c, tx), ("v", version.Version), ("c", _clusterId), ("etag", etag)) == 1;

    private async Task<MembershipTableData> ReadAsync(SiloAddress? key)
    {
        // One statement, so the rows and the version are read from one snapshot.
        var filter = key is null ? "" : "AND m.address = @address AND m.port = @port AND m.generation = @generation";
        await using var c = await _dataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(
            $"""
            SELECT v.version, v.etag, {string.Join(", ", Columns.Split(", ").Select(col => "m." + col))}
            FROM membership_versions v LEFT JOIN membership m ON m.cluster_id = v.cluster_id {filter}
            WHERE v.cluster_id = @c
            """, c);
        cmd.Parameters.Add(new NpgsqlParameter<string>("c", _clusterId));
        if (key is not null)
        {
            cmd.Parameters.Add(new NpgsqlParameter<string>("address", Host(key)));
            cmd.Parameters.Add(new NpgsqlParameter<int>("port", key.Endpoint.Port));
            cmd.Parameters.Add(new NpgsqlParameter<int>("generation", key.Generation));
        }

        await using var r = await cmd.ExecuteReaderAsync();
        var members = new List<Tuple<MembershipEntry, string>>();
        var version = new TableVersion(0, "0");
        while (await r.ReadAsync())
        {
            version = new TableVersion(r.GetInt32(0), r.GetInt64(1).ToString(CultureInfo.InvariantCulture));
            if (!r.IsDBNull(2))
            {
                members.Add(Tuple.Create(Entry(r), r.GetInt64(15).ToString(CultureInfo.InvariantCulture)));
            }
        }

        return new MembershipTableData(members, version);
    }

    private static MembershipEntry Entry(NpgsqlDataReader r) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Parse(r.GetString(2)), r.GetInt32(3), r.GetInt32(4)),
        SiloName = r.GetString(5),
        HostName = r.GetString(6),
        Status = (SiloStatus)r.GetInt32(7),
        ProxyPort = r.GetInt32(8),
        RoleName = r.IsDBNull(9) ? null : r.GetString(9),
        UpdateZone = r.GetInt32(10),
        FaultZone = r.GetInt32(11),
        SuspectTimes = ParseSuspects(r.GetString(12)),
        StartTime = DateTime.SpecifyKind(r.GetDateTime(13), DateTimeKind.Utc),
        IAmAliveTime = DateTime.SpecifyKind(r.GetDateTime(14), DateTimeKind.Utc),
    };

    private static (string, object?)[] EntryParameters(MembershipEntry e) =>
    [
        ("address", Host(e.SiloAddress)), ("port", e.SiloAddress.Endpoint.Port), ("generation", e.SiloAddress.Generation), ("name", e.SiloName ?? ""),
        ("host", e.HostName ?? ""), ("status", (int)e.Status), ("proxy", e.ProxyPort), ("role", e.RoleName), ("update_zone", e.UpdateZone),
        ("fault_zone", e.FaultZone), ("suspects", FormatSuspects(e.SuspectTimes)), ("start", Utc(e.StartTime)), ("alive", Utc(e.IAmAliveTime)),
    ];

    // Suspicions as [["address:port@generation", ticks], ...]: readable, and exact to the tick.
    // Orleans tells no suspicions (null) from an empty list: both round-trip.
    private static string FormatSuspects(List<Tuple<SiloAddress, DateTime>>? suspects) =>
        suspects is null ? "null" : JsonSerializer.Serialize(suspects.Select(s => new object[] { s.Item1.ToParsableString(), s.Item2.Ticks }));

    private static List<Tuple<SiloAddress, DateTime>>? ParseSuspects(string json) =>
        JsonSerializer.Deserialize<List<JsonElement[]>?>(json)?
            .Select(s => Tuple.Create(SiloAddress.FromParsableString(s[0].GetString()!), new DateTime(s[1].GetInt64(), DateTimeKind.Utc))).ToList();

    private static string Host(SiloAddress address) => address.Endpoint.Address.ToString();

    private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t.ToUniversalTime(), DateTimeKind.Utc);

    private async Task<bool> InTransactionAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task<bool>> work)
    {
        await using var c = await _dataSource.OpenConnectionAsync();
        await using var tx = await c.BeginTransactionAsync();
        if (!await work(c, tx))
        {
            await tx.RollbackAsync();
            return false;
        }

        await tx.CommitAsync();
        return true;
    }

    private Task<int> ExecuteAsync(string sql, (NpgsqlConnection, NpgsqlTransaction)? on, params (string Name, object? Value)[] parameters) =>
        ExecuteCoreAsync(sql, on, parameters);

    private async Task<int> ExecuteCoreAsync(string sql, (NpgsqlConnection Connection, NpgsqlTransaction Tx)? on, (string Name, object? Value)[] parameters)
    {
        NpgsqlConnection? owned = null;
        try
        {
            var c = on?.Connection ?? (owned = await _dataSource.OpenConnectionAsync());
            await using var cmd = new NpgsqlCommand(sql, c, on?.Tx);
            foreach (var (name, value) in parameters)
            {
                cmd.Parameters.Add(value switch
                {
                    DateTime t => new NpgsqlParameter<DateTime>(name, NpgsqlDbType.TimestampTz) { TypedValue = t },
                    null => new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DBNull.Value },
                    _ => new NpgsqlParameter(name, value),
                });
            }

            return await cmd.ExecuteNonQueryAsync();
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }
}
