using System.Net;
using LrCluster.Grains.Membership;
using LrCluster.Grains.Store.Postgres;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using OrleansClusterOptions = Orleans.Configuration.ClusterOptions;

namespace LrCluster.Grains.Tests.Postgres;

/// <summary>
/// Orleans' membership contract on our PostgreSQL tables: the table version starts at 0; an insert or update succeeds
/// only from the version etag (and, for an update, the row etag) the caller read, moves both on, and fails with no
/// side effect otherwise; I-am-alive writes touch nothing else; cleanup removes only old entries of silos that are not
/// active; clusters never see each other's rows; clients get the active silos' gateways.
/// </summary>
[RequiresPostgres]
public sealed class PostgresMembershipTableTests : IDisposable
{
    private static int _generation = 1000;
    private readonly PostgresTestDatabase _database = new();
    private readonly PostgresMembershipTable _table;

    public PostgresMembershipTableTests()
    {
        new PostgresSweepStore(_database.ConnectionString).Migrate();
        _table = Open("test-cluster");
        _table.InitializeMembershipTable(tryInitTableVersion: true).GetAwaiter().GetResult();
    }

    [PostgresFact]
    public async Task An_empty_table_reads_as_version_zero_with_an_etag()
    {
        var data = await _table.ReadAll();

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.NotNull(data.Version.VersionEtag);
    }

    [PostgresFact]
    public async Task An_insert_needs_the_current_version_etag_and_a_new_silo()
    {
        var entry = Entry();
        var next = (await _table.ReadAll()).Version.Next();

        Assert.True(await _table.InsertRow(entry, next));
        Assert.False(await _table.InsertRow(entry, next));
        Assert.False(await _table.InsertRow(Entry(), next));
        Assert.False(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));

        var data = await _table.ReadAll();
        var row = Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
        Assert.NotEqual(next.VersionEtag, data.Version.VersionEtag);
        Assert.Equal(entry.ToFullString(), row.Item1.ToFullString());
        Assert.Equal(data.Version, (await _table.ReadRow(entry.SiloAddress)).Version);
    }

    [PostgresFact]
    public async Task An_update_needs_both_etags_and_replaces_the_entry()
    {
        var entry = Entry();
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        var read = await _table.ReadAll();
        var etag = read.Members[0].Item2;
        entry.Status = SiloStatus.Active;
        entry.SuspectTimes = [Tuple.Create(Entry().SiloAddress, new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc).AddTicks(9))];

        Assert.False(await _table.UpdateRow(entry, etag, new TableVersion(read.Version.Version + 1, "999")));
        Assert.False(await _table.UpdateRow(entry, "999", read.Version.Next()));
        Assert.True(await _table.UpdateRow(entry, etag, read.Version.Next()));
        Assert.False(await _table.UpdateRow(entry, etag, (await _table.ReadAll()).Version.Next()));

        var after = await _table.ReadAll();
        Assert.Equal(2, after.Version.Version);
        Assert.Equal(entry.ToFullString(), after.Members[0].Item1.ToFullString());
        Assert.Equal(entry.SuspectTimes, after.Members[0].Item1.SuspectTimes);
        Assert.NotEqual(etag, after.Members[0].Item2);
    }

    [PostgresFact]
    public async Task Concurrent_updates_of_one_row_all_land_one_at_a_time()
    {
        var entry = Entry();
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var data = await _table.ReadAll();
                var (row, etag) = (data.Members[0].Item1, data.Members[0].Item2);
                if (await _table.UpdateRow(row, etag, data.Version.Next()))
                {
                    return;
                }
            }
        })));

        Assert.Equal(11, (await _table.ReadAll()).Version.Version);
    }

    [PostgresFact]
    public async Task I_am_alive_moves_only_its_own_column()
    {
        var entry = Entry();
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        var before = await _table.ReadAll();
        var alive = Seconds(DateTime.UtcNow.AddSeconds(30));

        await _table.UpdateIAmAlive(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = alive });

        var after = await _table.ReadAll();
        Assert.Equal(alive, after.Members[0].Item1.IAmAliveTime);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(entry.Status, after.Members[0].Item1.Status);
    }

    [PostgresFact]
    public async Task Cleanup_removes_old_entries_of_silos_that_are_not_active()
    {
        var fresh = Entry();
        Assert.True(await _table.InsertRow(fresh, (await _table.ReadAll()).Version.Next()));
        foreach (var status in Enum.GetValues<SiloStatus>())
        {
            var old = Entry(status);
            old.IAmAliveTime = old.IAmAliveTime.AddDays(-10);
            Assert.True(await _table.InsertRow(old, (await _table.ReadAll()).Version.Next()));
        }

        await _table.CleanupDefunctSiloEntries(DateTimeOffset.UtcNow.AddDays(-5));

        var left = (await _table.ReadAll()).Members.Select(m => m.Item1).ToList();
        Assert.Equal(2, left.Count);
        Assert.Contains(left, e => e.SiloAddress.Equals(fresh.SiloAddress));
        Assert.Contains(left, e => e.Status == SiloStatus.Active);
    }

    [PostgresFact]
    public async Task Clients_get_the_gateways_of_active_silos_and_clusters_stay_apart()
    {
        var joining = Entry();
        var active = Entry(SiloStatus.Active);
        var noGateway = Entry(SiloStatus.Active);
        noGateway.ProxyPort = 0;
        foreach (var e in new[] { joining, active, noGateway })
        {
            Assert.True(await _table.InsertRow(e, (await _table.ReadAll()).Version.Next()));
        }

        using var other = Open("other-cluster");
        await other.InitializeMembershipTable(true);

        Assert.Equal([SiloAddress.New(IPAddress.Loopback, active.ProxyPort, active.SiloAddress.Generation).ToGatewayUri()], await _table.GetGateways());
        Assert.Empty((await other.ReadAll()).Members);
        await _table.DeleteMembershipTableEntries("test-cluster");
        Assert.Empty((await _table.ReadAll()).Members);
    }

    public void Dispose()
    {
        _table.Dispose();
        _database.Dispose();
    }

    private PostgresMembershipTable Open(string cluster) =>
        new(_database.ConnectionString, Options.Create(new OrleansClusterOptions { ClusterId = cluster, ServiceId = "test" }));

    private static MembershipEntry Entry(SiloStatus status = SiloStatus.Joining)
    {
        var address = SiloAddress.New(IPAddress.Loopback, 11111, Interlocked.Increment(ref _generation));
        return new MembershipEntry
        {
            SiloAddress = address,
            HostName = "host",
            SiloName = $"silo-{address.Generation}",
            Status = status,
            ProxyPort = 30000,
            StartTime = Seconds(DateTime.UtcNow),
            IAmAliveTime = Seconds(DateTime.UtcNow),
        };
    }

    private static DateTime Seconds(DateTime t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
