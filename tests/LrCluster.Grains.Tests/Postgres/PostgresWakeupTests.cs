using System.Diagnostics;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using LrCluster.Grains.Store.Postgres;

namespace LrCluster.Grains.Tests.Postgres;

/// <summary>LISTEN/NOTIFY: a silo waiting for work is woken by another silo's write, long before its poll timeout.</summary>
public sealed class PostgresWakeupTests
{
    [PostgresFact]
    public async Task Enqueueing_a_trial_wakes_a_waiting_silo_on_another_connection()
    {
        using var db = new PostgresTestDatabase();
        using var waiter = new PostgresSweepStore(db.ConnectionString);
        using var writer = new PostgresSweepStore(db.ConnectionString);
        waiter.Migrate();
        writer.CreateSweep(new SweepRecord("s1", "s", "name: s", "s.yaml", SweepState.Pending, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null, null));
        // The listener starts on first use and wakes once after LISTEN; let that pass.
        await waiter.WaitForWorkAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        await Task.Delay(200);

        var clock = Stopwatch.StartNew();
        var waiting = waiter.WaitForWorkAsync(TimeSpan.FromSeconds(20), CancellationToken.None);
        await Task.Delay(300);
        writer.EnqueueTrial(new TrialRecord("s1", "t", TrialPhase.RangeTest, "{}", TrialStatus.Pending, 0, 10, double.NaN, double.NaN, null));
        await waiting;

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"woken after {clock.Elapsed.TotalSeconds:F1} s; the poll timeout was 20 s");
    }

    [PostgresFact]
    public async Task Without_a_notification_the_wait_ends_at_its_timeout()
    {
        using var db = new PostgresTestDatabase();
        using var store = new PostgresSweepStore(db.ConnectionString);
        store.Migrate();
        await store.WaitForWorkAsync(TimeSpan.FromSeconds(2), CancellationToken.None);

        var clock = Stopwatch.StartNew();
        await store.WaitForWorkAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250));
    }
}
