using System.Diagnostics;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Trials;
using Microsoft.Extensions.DependencyInjection;
using Orleans.GrainDirectory;
using Xunit.Abstractions;

namespace LrCluster.Cluster.Tests.Orleans;

/// <summary>
/// The grains on Orleans' in-process test cluster over one PostgreSQL schema: silos start, stop, die and come back
/// while sweeps run, and the tests assert on what the store and the silos' trainers saw. Trials pull from the queue and
/// train on the claiming silo; a killed silo's trial is requeued by the survivors' membership listener and resumed from
/// its checkpoint with exactly the uninterrupted curve; a stopped silo hands its trial back at once; a cancel stops
/// running trials and frees their slots; a paused silo whose trial was taken over writes nothing when it wakes.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class OrleansClusterTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task A_sweep_completes_across_three_silos_and_every_trial_trained_on_the_silo_that_claimed_it()
    {
        await using var cluster = await LrcTestCluster.StartAsync(StoreBackend.Postgres(), silos: 3);

        var id = await cluster.SubmitAsync(ClusterSpecs.Analytic());
        var sweep = await cluster.WaitFinalAsync(id);

        Assert.True(sweep.State == SweepState.Completed, $"sweep ended {sweep.State}: {sweep.Error}");
        var trials = cluster.Store.ListTrials(id);
        Assert.Equal(5, trials.Count);
        output.WriteLine(string.Join(", ", trials.Select(t => $"{t.Id}={t.Owner}@{t.Epoch}")));
        Assert.True(trials.Select(t => t.Owner).Distinct().Count() > 1, "every trial ran on one silo");
        foreach (var trial in trials)
        {
            Assert.Equal(1, trial.Epoch);
            // Pull, don't place: the silo whose slot claimed the trial (the owner) is the one whose trainers ran it.
            Assert.Contains(trial.Id, cluster.Parts(trial.Owner!).Trainers.Created);
            Assert.All(cluster.Silos.Where(s => s.Name != trial.Owner), s => Assert.DoesNotContain(trial.Id, cluster.Parts(s.Name).Trainers.Created));
            Curves.AssertContinuous(cluster.Store.ReadPoints(id, trial.Id), trial.Id);
        }
    }

    [PostgresFact]
    public async Task Trials_wait_in_the_queue_while_every_slot_is_busy_and_no_slot_runs_two_at_once()
    {
        await using var cluster = await LrcTestCluster.StartAsync(StoreBackend.Postgres(), silos: 1);

        var id = await cluster.SubmitAsync(ClusterSpecs.Analytic(steps: 100, repeats: 4));
        var sawWaiting = await Until.Async(() => cluster.Store.ListTrials(id) is { Count: > 1 } t && t.Count(x => x.Status == TrialStatus.Pending) > 0
            ? t : null, TimeSpan.FromSeconds(30), "trials waiting behind the busy slot");
        var sweep = await cluster.WaitFinalAsync(id);

        Assert.True(sawWaiting.Count(t => t.Status == TrialStatus.Running) <= 1, "one slot ran two trials at once");
        Assert.True(sweep.State == SweepState.Completed, $"sweep ended {sweep.State}: {sweep.Error}");
        Assert.All(cluster.Store.ListTrials(id), t => Assert.Equal(1, t.Epoch));
    }

    [PostgresFact]
    public async Task A_silo_killed_mid_trial_has_its_trial_resumed_elsewhere_with_the_uninterrupted_curve()
    {
        await using var cluster = await LrcTestCluster.StartAsync(StoreBackend.Postgres(), silos: 1);
        var spec = ClusterSpecs.Analytic(steps: 600, repeats: 1);
        var reference = await cluster.SubmitAsync(spec);
        Assert.Equal(SweepState.Completed, (await cluster.WaitFinalAsync(reference)).State);
        await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();

        var id = await cluster.SubmitAsync(spec);
        var victim = await Until.Async(() => cluster.Store.ListTrials(id)
            .FirstOrDefault(t => t is { Phase: TrialPhase.RangeTest, Status: TrialStatus.Running, Step: >= 120 } && t.Step < 450), TimeSpan.FromSeconds(60),
            "a range test past its second checkpoint");
        var killedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await cluster.KillAsync(victim.Owner!);
        var resumed = await Until.Async(() => cluster.Trial(id, victim.Id) is { Epoch: > 1, Status: TrialStatus.Running or TrialStatus.Completed } t
            && t.Owner != victim.Owner ? t : null, TimeSpan.FromSeconds(30), $"{victim.Id} to run again elsewhere");
        var failover = clock.Elapsed;
        var sweep = await cluster.WaitFinalAsync(id);

        output.WriteLine($"killed {victim.Owner} at step {victim.Step} of {victim.Id}; {resumed.Owner} ran it at epoch {resumed.Epoch} {failover.TotalMilliseconds:F0} ms later");
        Assert.True(sweep.State == SweepState.Completed, $"sweep ended {sweep.State}: {sweep.Error}");
        Assert.Equal(2, cluster.Trial(id, victim.Id).Epoch);
        var afterKill = cluster.Parts(victim.Owner!).Store.Journal.Where(w => w.Started > killedAt && w.Answer == "ok").ToList();
        Assert.True(afterKill.Count == 0, $"{victim.Owner} wrote after its kill: {string.Join(", ", afterKill)}");
        AssertSameAs(cluster, reference, id);
    }

    [PostgresFact]
    public async Task A_stopped_silo_checkpoints_its_trial_where_it_is_and_hands_it_back_at_once()
    {
        await using var cluster = await LrcTestCluster.StartAsync(StoreBackend.Postgres(), silos: 2);
        var spec = ClusterSpecs.Analytic(steps: 600, repeats: 1);
        var id = await cluster.SubmitAsync(spec);
        var running = await Until.Async(() => cluster.Store.ListTrials(id)
            .FirstOrDefault(t => t is { Phase: TrialPhase.RangeTest, Status: TrialStatus.Running, Step: >= 120 } && t.Step < 450), TimeSpan.FromSeconds(60),
            "a range test past its second checkpoint");

        await cluster.StopAsync(running.Owner!);
        var checkpoint = cluster.Store.ReadCheckpoint(id, running.Id)!;
        var moved = await Until.Async(() => cluster.Trial(id, running.Id) is { Epoch: 2 } t && t.Owner is not null ? t : null,
            TimeSpan.FromSeconds(10), $"{running.Id} to move to the other silo");
        var sweep = await cluster.WaitFinalAsync(id);

        output.WriteLine($"stopped {running.Owner} at step {running.Step}; checkpoint at {checkpoint.NextStep}; {moved.Owner} took it over");
        Assert.NotEqual(running.Owner, moved.Owner);
        // Checkpointed at the step it stopped at, not at the last periodic checkpoint (every 50 steps).
        Assert.True(checkpoint.NextStep > running.Step, $"checkpoint at {checkpoint.NextStep}, the trial was at {running.Step} before the stop");
        Assert.True(sweep.State == SweepState.Completed, $"sweep ended {sweep.State}: {sweep.Error}");
        Assert.All(cluster.Store.ListTrials(id), t => Curves.AssertContinuous(cluster.Store.ReadPoints(id, t.Id), t.Id));
    }

    [PostgresFact]
    public async Task Cancelling_a_sweep_stops_its_running_trials_and_frees_their_slots()
    {
        await using var cluster = await LrcTestCluster.StartAsync(StoreBackend.Postgres(), silos: 2);
        var id = await cluster.SubmitAsync(ClusterSpecs.Analytic(steps: 5000, repeats: 2));
        await Until.Async(() => cluster.Store.ListTrials(id).Count(t => t is { Status: TrialStatus.Running, Step: > 0 }) == 2 ? "" : null,
            TimeSpan.FromSeconds(60), "both trials training");

        var clock = Stopwatch.StartNew();
        Assert.True(await cluster.Client.GetGrain<ISweepGrain>(id).Cancel());
        await Until.Async(() => cluster.Store.ListTrials(id).All(t => t.Status != TrialStatus.Running) ? "" : null, TimeSpan.FromSeconds(30), "the trials to stop");
        output.WriteLine($"every trial stopped {clock.ElapsedMilliseconds} ms after the cancel");

        Assert.Equal(SweepState.Cancelled, cluster.Store.GetSweep(id)!.State);
        Assert.All(cluster.Store.ListTrials(id).Where(t => t.Phase == TrialPhase.RangeTest), t => Assert.Equal(TrialStatus.Cancelled, t.Status));
        var next = await cluster.SubmitAsync(ClusterSpecs.Analytic(steps: 100, repeats: 1));
        Assert.Equal(SweepState.Completed, (await cluster.WaitFinalAsync(next)).State);
    }

    [PostgresFact]
    public async Task A_paused_silo_whose_trial_was_taken_over_writes_nothing_when_it_wakes()
    {
        await using var cluster = await LrcTestCluster.StartAsync(StoreBackend.Postgres(), silos: 1);
        var spec = ClusterSpecs.Analytic(steps: 600, repeats: 1);
        var reference = await cluster.SubmitAsync(spec);
        Assert.Equal(SweepState.Completed, (await cluster.WaitFinalAsync(reference)).State);
        await cluster.StartSiloAsync();

        var id = await cluster.SubmitAsync(spec);
        var before = await Until.Async(() => cluster.Store.ListTrials(id)
            .FirstOrDefault(t => t is { Phase: TrialPhase.RangeTest, Status: TrialStatus.Running, Step: >= 120 } && t.Step < 450), TimeSpan.FromSeconds(60),
            "a range test past its second checkpoint");
        var zombie = cluster.Parts(before.Owner!);
        zombie.Power.Pause();
        // What the survivors do once Orleans declares a silo dead: its trial goes back to the queue, and a claim raises the epoch.
        Assert.Equal(1, cluster.Store.RequeueTrialsOf([cluster.Silo(before.Owner!).SiloAddress.ToParsableString()]));
        await Until.Async(() => cluster.Trial(id, before.Id).Epoch > before.Epoch ? "" : null, TimeSpan.FromSeconds(30), "a newer claim of the trial");
        zombie.Power.Resume();
        var resumedAt = zombie.Power.ResumedAt!.Value;
        var sweep = await cluster.WaitFinalAsync(id);

        var stale = zombie.Store.Journal.Where(w => w.Trial.TrialId == before.Id && w.Trial.Epoch == before.Epoch && w.At >= resumedAt).ToList();
        output.WriteLine($"the zombie was answered [{string.Join(", ", stale.Select(w => $"{w.Operation}: {w.Answer}"))}]");
        Assert.NotEmpty(stale);
        Assert.All(stale, w => Assert.Equal("lease lost", w.Answer));
        Assert.True(sweep.State == SweepState.Completed, $"sweep ended {sweep.State}: {sweep.Error}");
        AssertSameAs(cluster, reference, id);
    }

    [PostgresFact]
    public async Task A_restarted_silo_joins_again_and_takes_work()
    {
        await using var cluster = await LrcTestCluster.StartAsync(StoreBackend.Postgres(), silos: 2);
        var first = cluster.Silos[1];
        await cluster.KillAsync(first.Name);
        var again = await cluster.StartSiloAsync();

        var id = await cluster.SubmitAsync(ClusterSpecs.Analytic(steps: 100, repeats: 6));
        var sweep = await cluster.WaitFinalAsync(id);

        Assert.True(sweep.State == SweepState.Completed, $"sweep ended {sweep.State}: {sweep.Error}");
        Assert.DoesNotContain(cluster.Store.ListTrials(id), t => t.Owner == first.Name && t.Epoch > 0 && cluster.Silos.All(s => s.Name != first.Name));
        Assert.Contains(cluster.Store.ListTrials(id), t => t.Owner == again.Name);
        Assert.Contains(again.Name, cluster.Store.ListTrials(id).Select(t => t.Owner));
    }

    [PostgresFact]
    public async Task A_running_trials_grain_is_registered_in_its_own_silos_trial_directory_only()
    {
        await using var cluster = await LrcTestCluster.StartAsync(StoreBackend.Postgres(), silos: 3);
        var id = await cluster.SubmitAsync(ClusterSpecs.Analytic(steps: 2000, repeats: 3));
        var running = await Until.Async(() => cluster.Store.ListTrials(id) is var t && t.Count(x => x is { Status: TrialStatus.Running, Step: > 0 }) >= 2
            ? t.Where(x => x is { Status: TrialStatus.Running, Step: > 0 }).ToList() : null, TimeSpan.FromSeconds(60), "two trials training");

        foreach (var trial in running)
        {
            var grain = cluster.Client.GetGrain<ITrialGrain>(TrialClaim.TrialKey(id, trial.Id)).GetGrainId();
            foreach (var silo in cluster.Silos)
            {
                var directory = (TrialDirectory)silo.ServiceProvider.GetRequiredKeyedService<IGrainDirectory>(TrialDirectory.Name);
                var entry = await directory.Lookup(grain);
                output.WriteLine($"{trial.Id} (claimed by {trial.Owner}) in {silo.Name}'s trial directory: {entry?.SiloAddress?.ToString() ?? "-"}");
                if (silo.Name == trial.Owner)
                {
                    Assert.True(entry?.SiloAddress == silo.SiloAddress, $"{trial.Id} is not registered on {silo.Name}, whose slot runs it");
                }
                else
                {
                    Assert.True(entry is null, $"{silo.Name} knows {trial.Id}, which runs on {trial.Owner}");
                }
            }
        }

        Assert.True(await cluster.Client.GetGrain<ISweepGrain>(id).Cancel());
        await Until.Async(() => cluster.Store.ListTrials(id).All(t => t.Status != TrialStatus.Running) ? "" : null, TimeSpan.FromSeconds(30), "the trials to stop");
        await Until.Async(() => cluster.Silos.All(s => ((TrialDirectory)s.ServiceProvider.GetRequiredKeyedService<IGrainDirectory>(TrialDirectory.Name)).Count == 0)
            ? "" : null, TimeSpan.FromSeconds(30), "every trial grain to deactivate and leave its directory");
    }

    private static void AssertSameAs(LrcTestCluster cluster, string reference, string id)
    {
        var expected = cluster.Store.ListTrials(reference);
        Assert.Equal(expected.Select(t => (t.Id, t.Status)), cluster.Store.ListTrials(id).Select(t => (t.Id, t.Status)));
        foreach (var trial in expected)
        {
            var points = cluster.Store.ReadPoints(id, trial.Id);
            Curves.AssertContinuous(points, trial.Id);
            Curves.AssertSameCurve(cluster.Store.ReadPoints(reference, trial.Id), points, trial.Id);
            Assert.Equal(cluster.Store.ReadEpochs(reference, trial.Id), cluster.Store.ReadEpochs(id, trial.Id));
        }
    }
}
