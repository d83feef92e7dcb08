using System.Diagnostics;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using Xunit.Abstractions;

namespace LrCluster.Cluster.Tests.InProcess;

/// <summary>
/// What it simulates: silos of one cluster coming and going while a sweep runs, in one process (the role of Orleans'
/// TestingHost), on each store backend. Three silos share the work; a silo killed mid-trial (kill -9: it stops
/// writing and heartbeating at once and hands nothing back) loses its trial to another silo, which resumes it from the
/// last checkpoint under a higher epoch and records exactly the curve an uninterrupted run records; a silo stopped
/// gracefully (SIGTERM) hands its trial back so it restarts elsewhere long before its lease or heartbeat would lapse;
/// a silo restarted under its name, after a graceful stop or a kill, rejoins the membership as Active and takes work.
/// Trainers are analytic (deterministic, no libtorch) and slowed to 2 ms a step.
/// </summary>
public abstract class InProcessClusterTests(ITestOutputHelper output)
{
    private protected abstract StoreBackend CreateBackend();

    protected async Task A_sweep_completes_across_three_silos_with_trials_on_more_than_one_silo()
    {
        await using var cluster = new TestCluster(CreateBackend(), silos: 3);

        var id = cluster.Submit(ClusterSpecs.Analytic());
        var sweep = await cluster.WaitFinalAsync(id);

        Assert.True(sweep.State == SweepState.Completed, $"sweep ended {sweep.State}: {sweep.Error}");
        var trials = cluster.Store.ListTrials(id);
        Assert.Equal(5, trials.Count);
        Assert.All(trials, t => Assert.True(t.Status is TrialStatus.Completed or TrialStatus.Diverged, $"{t.Id}: {t.Status} {t.Error}"));
        Assert.All(trials, t => Assert.True(t.Epoch >= 1 && t.Owner is not null, $"{t.Id}: owner {t.Owner}, epoch {t.Epoch}"));
        var owners = trials.Select(t => t.Owner).Distinct().ToList();
        output.WriteLine($"[{cluster.Store.GetType().Name}] trial owners: {string.Join(", ", trials.Select(t => $"{t.Id}={t.Owner}@{t.Epoch}"))}");
        Assert.True(owners.Count > 1, $"every trial ran on {owners[0]}");
        Assert.All(trials, t => Curves.AssertContinuous(cluster.Store.ReadPoints(id, t.Id), t.Id));
        Assert.Equal(3, cluster.Store.ListSilos().Count(s => s.Status == SiloStatus.Active));
    }

    protected async Task A_silo_killed_mid_trial_loses_the_trial_to_another_silo_which_records_the_uninterrupted_curve(double divergence = 1000)
    {
        await using var cluster = new TestCluster(CreateBackend(), silos: 1);
        var spec = ClusterSpecs.Analytic(divergence: divergence);
        var reference = cluster.Submit(spec);
        Assert.Equal(SweepState.Completed, (await cluster.WaitFinalAsync(reference)).State);
        cluster.StartSilo("silo-b");
        cluster.StartSilo("silo-c");

        var id = cluster.Submit(spec);
        var victimTrial = await cluster.WaitAsync(
            () => cluster.Store.ListTrials(id).FirstOrDefault(t => t is { Phase: TrialPhase.RangeTest, Status: TrialStatus.Running, Step: >= 100 } && t.Step < 250),
            TimeSpan.FromSeconds(30), "a range test past its second checkpoint");
        var killedAt = DateTimeOffset.UtcNow;
        var victim = cluster.KillSilo(victimTrial.Owner!);
        var clock = Stopwatch.StartNew();
        var resumed = await cluster.WaitAsync(
            () => cluster.Trial(id, victimTrial.Id) is { } t && t.Epoch > victimTrial.Epoch ? t : null,
            TimeSpan.FromSeconds(10), $"{victimTrial.Id} to be claimed again");
        var failover = clock.Elapsed;
        var sweep = await cluster.WaitFinalAsync(id);

        output.WriteLine($"killed {victim.Name} at step {victimTrial.Step} of {victimTrial.Id} (epoch {victimTrial.Epoch}); "
            + $"{resumed.Owner} claimed it at epoch {resumed.Epoch} after {failover.TotalMilliseconds:F0} ms");
        Assert.True(sweep.State == SweepState.Completed, $"sweep ended {sweep.State}: {sweep.Error}");
        Assert.NotEqual(victim.Name, resumed.Owner);
        var final = cluster.Trial(id, victimTrial.Id);
        Assert.True(final.Epoch > victimTrial.Epoch, $"epoch {final.Epoch} after the kill, {victimTrial.Epoch} before");
        Assert.NotEqual(victim.Name, final.Owner);
        // The dead silo neither left nor wrote anything it started after the kill (a write already in flight may land, as in a real crash).
        var afterKill = victim.Store.Journal.Where(w => w.Started > killedAt && w.Answer == "ok").ToList();
        Assert.True(afterKill.Count == 0, $"{victim.Name} wrote after its kill: {string.Join(", ", afterKill)}");
        Assert.Equal(SiloStatus.Active, cluster.Store.ListSilos().Single(s => s.Name == victim.Name).Status);

        var expected = cluster.Store.ListTrials(reference);
        var actual = cluster.Store.ListTrials(id);
        Assert.Equal(expected.Select(t => (t.Id, t.Status)), actual.Select(t => (t.Id, t.Status)));
        foreach (var trial in expected)
        {
            var points = cluster.Store.ReadPoints(id, trial.Id);
            Curves.AssertContinuous(points, trial.Id);
            Curves.AssertSameCurve(cluster.Store.ReadPoints(reference, trial.Id), points, trial.Id);
            Assert.Equal(cluster.Store.ReadEpochs(reference, trial.Id), cluster.Store.ReadEpochs(id, trial.Id));
        }
    }

    protected async Task A_gracefully_stopped_silo_hands_its_trial_back_before_its_lease_could_lapse()
    {
        // Slow failure detection (dead after 5 s, leases of 6 s): only a hand-back can move the trial within 2 s.
        await using var cluster = new TestCluster(CreateBackend(), silos: 2, o =>
        {
            o.MissedHeartbeats = 25;
            o.LeaseDuration = TimeSpan.FromSeconds(6);
        });
        var id = cluster.Submit(ClusterSpecs.Analytic(steps: 400, repeats: 1));
        var running = await cluster.WaitAsync(
            () => cluster.Store.ListTrials(id).FirstOrDefault(t => t is { Phase: TrialPhase.RangeTest, Status: TrialStatus.Running, Step: >= 100 } && t.Step < 300),
            TimeSpan.FromSeconds(30), "the range test past its second checkpoint");
        var leaving = cluster[running.Owner!];

        var clock = Stopwatch.StartNew();
        await cluster.StopSiloAsync(leaving.Name);
        var stopped = clock.Elapsed;
        var moved = await cluster.WaitAsync(
            () => cluster.Trial(id, running.Id) is { } t && t.Epoch > running.Epoch && t.Owner is not null ? t : null,
            TimeSpan.FromSeconds(4), $"{running.Id} to move to another silo");
        var handoff = clock.Elapsed;
        var sweep = await cluster.WaitFinalAsync(id);

        output.WriteLine($"{leaving.Name} stopped in {stopped.TotalMilliseconds:F0} ms; {moved.Owner} owned {running.Id} at epoch {moved.Epoch} "
            + $"{handoff.TotalMilliseconds:F0} ms after the stop began (lease {leaving.Options.LeaseDuration.TotalSeconds} s, dead after {leaving.Options.DeadAfter.TotalSeconds} s)");
        Assert.NotEqual(leaving.Name, moved.Owner);
        Assert.Equal(running.Epoch + 1, moved.Epoch);
        Assert.True(handoff < TimeSpan.FromSeconds(2), $"the trial moved {handoff.TotalMilliseconds:F0} ms after the stop; a hand-back takes well under 2 s");
        Assert.Contains(leaving.Store.Journal, w => w.Operation == nameof(ISweepStore.ReleaseLease) && w.Trial.TrialId == running.Id && w.Answer == "ok");
        Assert.Equal(SiloStatus.Left, cluster.Store.ListSilos().Single(s => s.Name == leaving.Name).Status);
        Assert.True(sweep.State == SweepState.Completed, $"sweep ended {sweep.State}: {sweep.Error}");
        Assert.All(cluster.Store.ListTrials(id), t => Curves.AssertContinuous(cluster.Store.ReadPoints(id, t.Id), t.Id));
    }

    protected async Task A_silo_restarted_after_a_graceful_stop_or_a_kill_rejoins_as_active_and_takes_work()
    {
        await using var cluster = new TestCluster(CreateBackend(), silos: 2);
        var first = await cluster.WaitAsync(() => cluster.Store.ListSilos().SingleOrDefault(s => s.Name == "silo-b"), TimeSpan.FromSeconds(5), "silo-b to join");

        await cluster.StopSiloAsync("silo-b");
        Assert.Equal(SiloStatus.Left, cluster.Store.ListSilos().Single(s => s.Name == "silo-b").Status);
        await cluster.RestartSiloAsync("silo-b");
        var again = await cluster.WaitAsync(
            () => cluster.Store.ListSilos().SingleOrDefault(s => s is { Name: "silo-b", Status: SiloStatus.Active }),
            TimeSpan.FromSeconds(5), "silo-b to be Active again after its restart");
        Assert.True(again.StartedAt > first.StartedAt, $"started {again.StartedAt:O}, first started {first.StartedAt:O}");

        cluster.KillSilo("silo-b");
        var killedAt = DateTimeOffset.UtcNow;
        await cluster.RestartSiloAsync("silo-b");
        var reborn = await cluster.WaitAsync(
            () => cluster.Store.ListSilos().SingleOrDefault(s => s is { Name: "silo-b", Status: SiloStatus.Active } && s.HeartbeatAt > killedAt),
            TimeSpan.FromSeconds(5), "silo-b to heartbeat again after a kill and restart");
        Assert.True(reborn.StartedAt > again.StartedAt);

        // Only the restarted silo is left to run a sweep.
        await cluster.StopSiloAsync("silo-a");
        var id = cluster.Submit(ClusterSpecs.Analytic(steps: 100, repeats: 2));
        var sweep = await cluster.WaitFinalAsync(id);

        Assert.True(sweep.State == SweepState.Completed, $"sweep ended {sweep.State}: {sweep.Error}");
        Assert.All(cluster.Store.ListTrials(id), t => Assert.Equal("silo-b", t.Owner));
        Assert.Equal(
            [("silo-a", SiloStatus.Left), ("silo-b", SiloStatus.Active)],
            cluster.Store.ListSilos().Select(s => (s.Name, s.Status)));
    }
}

/// <summary>The in-process cluster over one SQLite file (every silo its own connection).</summary>
[Collection(ClusterCollection.Name)]
public sealed class SqliteInProcessClusterTests(ITestOutputHelper output) : InProcessClusterTests(output)
{
    [Fact]
    public Task A_sweep_completes_across_three_silos_and_its_trials_ran_on_more_than_one_silo() =>
        A_sweep_completes_across_three_silos_with_trials_on_more_than_one_silo();

    [Fact]
    public Task Killing_a_silo_mid_trial_still_completes_the_sweep_with_the_uninterrupted_curves() =>
        A_silo_killed_mid_trial_loses_the_trial_to_another_silo_which_records_the_uninterrupted_curve();

    [Fact]
    public Task Killing_a_silo_mid_trial_of_a_range_test_without_divergence_rule_keeps_the_smoothed_curve() =>
        A_silo_killed_mid_trial_loses_the_trial_to_another_silo_which_records_the_uninterrupted_curve(divergence: 0);

    [Fact]
    public Task A_graceful_stop_hands_the_trial_to_another_silo_before_the_lease_would_expire() =>
        A_gracefully_stopped_silo_hands_its_trial_back_before_its_lease_could_lapse();

    [Fact]
    public Task A_restarted_silo_rejoins_the_membership_as_active_and_runs_a_sweep() =>
        A_silo_restarted_after_a_graceful_stop_or_a_kill_rejoins_as_active_and_takes_work();

    private protected override StoreBackend CreateBackend() => StoreBackend.Sqlite();
}

/// <summary>The in-process cluster over one PostgreSQL schema (every silo its own connection pool).</summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresInProcessClusterTests(ITestOutputHelper output) : InProcessClusterTests(output)
{
    [PostgresFact]
    public Task A_sweep_completes_across_three_silos_and_its_trials_ran_on_more_than_one_silo() =>
        A_sweep_completes_across_three_silos_with_trials_on_more_than_one_silo();

    [PostgresFact]
    public Task Killing_a_silo_mid_trial_still_completes_the_sweep_with_the_uninterrupted_curves() =>
        A_silo_killed_mid_trial_loses_the_trial_to_another_silo_which_records_the_uninterrupted_curve();

    [PostgresFact]
    public Task A_graceful_stop_hands_the_trial_to_another_silo_before_the_lease_would_expire() =>
        A_gracefully_stopped_silo_hands_its_trial_back_before_its_lease_could_lapse();

    [PostgresFact]
    public Task A_restarted_silo_rejoins_the_membership_as_active_and_runs_a_sweep() =>
        A_silo_restarted_after_a_graceful_stop_or_a_kill_rejoins_as_active_and_takes_work();

    private protected override StoreBackend CreateBackend() => StoreBackend.Postgres();
}
