using System.Diagnostics;
using System.Globalization;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Store;
using LrCluster.Grains.Store.Postgres;
using Xunit.Abstractions;

namespace LrCluster.Grains.Tests.Postgres;

/// <summary>What only the PostgreSQL store has: its migration bookkeeping, its retries, and its ingestion rate.</summary>
public sealed class PostgresSweepStoreTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Concurrent_migrations_apply_each_version_exactly_once()
    {
        using var db = new PostgresTestDatabase();
        var stores = Enumerable.Range(0, 6).Select(_ => new PostgresSweepStore(db.ConnectionString)).ToArray();
        try
        {
            using var start = new Barrier(stores.Length);
            await Task.WhenAll(stores.Select(s => Task.Run(() =>
            {
                start.SignalAndWait();
                s.Migrate();
            })));
            stores[0].Migrate();

            var rows = Convert.ToInt64(db.Scalar($"SELECT count(*) FROM \"{db.Schema}\".schema_version"), CultureInfo.InvariantCulture);
            var version = Convert.ToInt64(db.Scalar($"SELECT max(version) FROM \"{db.Schema}\".schema_version"), CultureInfo.InvariantCulture);
            Assert.Equal(version, rows);
            Assert.True(version >= 1);
        }
        finally
        {
            foreach (var s in stores)
            {
                s.Dispose();
            }
        }
    }

    [PostgresFact]
    public void A_database_migrated_by_a_newer_build_is_refused()
    {
        using var db = new PostgresTestDatabase();
        using var store = new PostgresSweepStore(db.ConnectionString);
        store.Migrate();
        db.Execute($"INSERT INTO \"{db.Schema}\".schema_version (version) VALUES (1000)");

        var e = Assert.Throws<InvalidOperationException>(store.Migrate);

        Assert.Contains("1000", e.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void The_store_carries_on_after_its_connections_are_killed()
    {
        using var db = new PostgresTestDatabase();
        using var store = new PostgresSweepStore(db.ConnectionString);
        store.Migrate();
        store.CreateSweep(new SweepRecord("s", "n", "y", "f", SweepState.Pending, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null, null));

        // What a server restart does to a silo: every pooled connection dies under it.
        var killed = Convert.ToInt64(db.Scalar(
            $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{db.ApplicationName}'"), CultureInfo.InvariantCulture);

        Assert.True(killed >= 1);
        Assert.Equal(SweepState.Pending, store.GetSweep("s")!.State);
        store.SetSweepState("s", SweepState.RangeTest);
        Assert.Equal(SweepState.RangeTest, store.GetSweep("s")!.State);
    }

    [PostgresFact]
    public void A_fenced_write_whose_connection_died_is_retried_whole()
    {
        using var db = new PostgresTestDatabase();
        using var store = new PostgresSweepStore(db.ConnectionString);
        store.Migrate();
        store.CreateSweep(new SweepRecord("s", "n", "y", "f", SweepState.RangeTest, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null, null));
        store.EnqueueTrial(new TrialRecord("s", "t", TrialPhase.RangeTest, "{}", TrialStatus.Pending, 0, 3, double.NaN, double.NaN, null));
        var lease = Assert.Single(store.ClaimTrials(TempStore.Silo("silo"), 1));
        store.WritePoints(lease.Ref, [new LossPoint(0, 0.1, 1, 1)]);

        // The batch goes out on a dead pooled connection, fails, and must be sent again from scratch. pg_terminate_backend
        // only signals: wait until the backend is gone, or the batch could still reach it alive.
        db.Execute($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{db.ApplicationName}'");
        var clock = Stopwatch.StartNew();
        while (Convert.ToInt64(db.Scalar($"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{db.ApplicationName}'"), CultureInfo.InvariantCulture) > 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the killed backend did not go away");
            Thread.Sleep(20);
        }

        store.FinishTrial(lease.Ref, [new LossPoint(1, 0.2, 0.9, 0.95), new LossPoint(2, 0.3, 0.8, 0.9)], TrialStatus.Completed, 3, 0.3, 0.9);

        Assert.Equal([0L, 1L, 2L], store.ReadPoints("s", "t").Select(p => p.Step));
        Assert.Equal(TrialStatus.Completed, Assert.Single(store.ListTrials("s")).Status);
    }

    [Fact]
    public void An_unreachable_server_is_retried_for_the_budget_and_reported_without_the_password()
    {
        // Port 1 on loopback: nothing listens, the connection is refused at once, every time.
        using var store = new PostgresSweepStore("postgres://lrc:s3cret@127.0.0.1:1/lrc", TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var e = Assert.ThrowsAny<Exception>(() => store.GetSweep("x"));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.5), $"gave up after {clock.Elapsed}");
        Assert.DoesNotContain("s3cret", e.ToString(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public void Ingestion_rate()
    {
        using var db = new PostgresTestDatabase();
        using var store = new PostgresSweepStore(db.ConnectionString);
        store.Migrate();
        store.CreateSweep(new SweepRecord("s", "n", "y", "f", SweepState.RangeTest, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null, null));
        int[] batches = [0, 256, 1_000, 10_000];
        foreach (var batch in batches)
        {
            store.EnqueueTrial(new TrialRecord("s", $"t{batch}", TrialPhase.RangeTest, "{}", TrialStatus.Pending, 0, 0, 0, 0, null));
        }

        var leases = store.ClaimTrials(TempStore.Silo("silo"), batches.Length)
            .ToDictionary(l => l.Ref.TrialId, l => l.Ref);
        const int total = 200_000;
        var points = Enumerable.Range(0, total).Select(i => new LossPoint(i, 1e-5 * i, 2.0 - (i * 1e-6), 2.0 - (i * 1e-6), i % 2 == 0 ? 0.9 : null)).ToArray();

        // Warm up (JIT, pool, plans) on a trial of its own, so the figures are the steady state.
        store.WritePoints(leases["t0"], points[..2_000]);
        store.WritePoints(leases["t0"], points[..2_000]);

        foreach (var batch in batches[1..])
        {
            var trial = leases[$"t{batch}"];
            var clock = Stopwatch.StartNew();
            for (var start = 0; start < total; start += batch)
            {
                store.WritePoints(trial, points[start..Math.Min(total, start + batch)]);
            }

            var rate = total / clock.Elapsed.TotalSeconds;
            clock.Restart();
            store.WritePoints(trial, points[..batch]);
            var replay = clock.Elapsed;
            output.WriteLine($"ingestion: {total} points in batches of {batch}: {rate:F0} points/s; replaying one batch: {replay.TotalMilliseconds:F1} ms");
            Assert.Equal(total, store.ReadPoints("s", trial.TrialId).Count);
        }
    }
}
