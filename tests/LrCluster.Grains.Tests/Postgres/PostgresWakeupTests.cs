using System.Diagnostics;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using LrCluster.Grains.Store.Postgres;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Tests.Postgres;

/// <summary>LISTEN/NOTIFY: a silo waiting for work is woken by another silo's write, long before its poll timeout, and only by the kind it waits for.</summary>
public sealed class PostgresWakeupTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    [PostgresFact]
    public async Task Enqueueing_a_trial_wakes_a_waiting_silo_on_another_connection()
    {
        using var db = new PostgresTestDatabase();
        using var waiter = new PostgresSweepStore(db.ConnectionString);
        using var writer = new PostgresSweepStore(db.ConnectionString);
        waiter.Migrate();
        writer.CreateSweep(Sweep("s1"));
        await Listening(waiter);

        var clock = Stopwatch.StartNew();
        var waiting = WakeupSignal.WaitAsync(waiter.NextWakeup(Wakeup.Work), Long, CancellationToken.None);
        await Task.Delay(300);
        writer.EnqueueTrial(new TrialRecord("s1", "t", TrialPhase.RangeTest, "{}", TrialStatus.Pending, 0, 10, double.NaN, double.NaN, null));
        await waiting;

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"woken after {clock.Elapsed.TotalSeconds:F1} s; the poll timeout was 20 s");
    }

    [PostgresFact]
    public async Task A_finished_trial_wakes_coordinators_but_not_the_claim_loops_of_other_silos()
    {
        using var db = new PostgresTestDatabase();
        using var waiter = new PostgresSweepStore(db.ConnectionString);
        using var writer = new PostgresSweepStore(db.ConnectionString);
        waiter.Migrate();
        writer.CreateSweep(Sweep("s1"));
        writer.EnqueueTrial(new TrialRecord("s1", "t", TrialPhase.RangeTest, "{}", TrialStatus.Pending, 0, 10, double.NaN, double.NaN, null));
        var lease = Assert.Single(writer.ClaimTrials("silo-w", 1, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)));
        await Listening(waiter);

        var work = waiter.NextWakeup(Wakeup.Work);
        var progress = waiter.NextWakeup(Wakeup.Progress);
        writer.FinishTrial(lease.Ref, [new LossPoint(0, 0.1, 1, 1)], TrialStatus.Completed, 1, 0.1, 1);
        await WakeupSignal.WaitAsync(progress, Long, CancellationToken.None);
        await Task.Delay(500);

        Assert.True(progress.IsCompleted, "the finished trial never woke the coordinator's wait");
        Assert.False(work.IsCompleted, "a finished trial woke the claim loops too");
    }

    [PostgresFact]
    public async Task A_wakeup_that_lands_before_the_wait_starts_is_not_lost()
    {
        using var db = new PostgresTestDatabase();
        using var store = new PostgresSweepStore(db.ConnectionString);
        store.Migrate();
        store.CreateSweep(Sweep("s1"));
        await Listening(store);

        var wakeup = store.NextWakeup(Wakeup.Work);
        store.EnqueueTrial(new TrialRecord("s1", "t", TrialPhase.RangeTest, "{}", TrialStatus.Pending, 0, 10, double.NaN, double.NaN, null));
        await Task.Delay(1000);
        var clock = Stopwatch.StartNew();
        await WakeupSignal.WaitAsync(wakeup, Long, CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"waited {clock.Elapsed.TotalSeconds:F1} s for a wake-up that had already come");
    }

    [PostgresFact]
    public async Task Without_a_notification_the_wait_ends_at_its_timeout()
    {
        using var db = new PostgresTestDatabase();
        using var store = new PostgresSweepStore(db.ConnectionString);
        store.Migrate();
        await Listening(store);

        var clock = Stopwatch.StartNew();
        await WakeupSignal.WaitAsync(store.NextWakeup(Wakeup.Work), TimeSpan.FromMilliseconds(300), CancellationToken.None);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250));
    }

    private static SweepRecord Sweep(string id) =>
        new(id, "s", "name: s", "s.yaml", SweepState.Pending, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null, null);

    /// <summary>The listener starts on first use and wakes every waiter once when it is listening; wait for that, then let stray pushes drain.</summary>
    private static async Task Listening(PostgresSweepStore store)
    {
        await WakeupSignal.WaitAsync(store.NextWakeup(Wakeup.Work), TimeSpan.FromSeconds(10), CancellationToken.None);
        await Task.Delay(300);
    }
}
