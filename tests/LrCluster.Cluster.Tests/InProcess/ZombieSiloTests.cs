using System.Diagnostics;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using Xunit.Abstractions;

namespace LrCluster.Cluster.Tests.InProcess;

/// <summary>
/// What it simulates: a zombie silo on PostgreSQL. A silo is frozen mid-trial (as by SIGSTOP, a long GC pause or a
/// network partition: every store call and training step waits) past its heartbeats and its lease; another silo
/// claims the trial under a higher epoch and resumes it. Then the zombie wakes up and carries on where it stopped. The
/// fencing must make it harmless: each of its writes names the old epoch and is refused (LeaseLostException or a
/// refused renewal), its activation stops, and the trial's curve, owner and epoch are exactly what the new owner made
/// of them: equal, bit for bit, to an uninterrupted run of the same spec.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ZombieSiloTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task A_silo_that_wakes_after_its_trial_was_claimed_elsewhere_writes_nothing_and_stops()
    {
        await using var cluster = new TestCluster(StoreBackend.Postgres(), silos: 1);
        var spec = ClusterSpecs.Analytic(steps: 600, repeats: 1);
        var reference = cluster.Submit(spec);
        Assert.Equal(SweepState.Completed, (await cluster.WaitFinalAsync(reference)).State);
        cluster.StartSilo("silo-b");

        var id = cluster.Submit(spec);
        var before = await cluster.WaitAsync(
            () => cluster.Store.ListTrials(id).FirstOrDefault(t => t is { Phase: TrialPhase.RangeTest, Status: TrialStatus.Running, Step: >= 100 } && t.Step < 400),
            TimeSpan.FromSeconds(30), "the range test past its second checkpoint");
        var zombie = cluster[before.Owner!];
        var successor = cluster.Silos.Single(s => s != zombie);

        zombie.Power.Pause();
        var clock = Stopwatch.StartNew();
        var claimed = await cluster.WaitAsync(
            () => cluster.Trial(id, before.Id) is { } t && t.Epoch > before.Epoch ? t : null,
            TimeSpan.FromSeconds(10), $"{before.Id} to be claimed while {zombie.Name} is frozen");
        var claimedAfter = clock.Elapsed;
        zombie.Power.Resume();
        var resumedAt = zombie.Power.ResumedAt!.Value;
        await cluster.WaitAsync(() => zombie.Trainers.Alive(before.Id) == 0 ? "stopped" : null, TimeSpan.FromSeconds(10),
            $"{zombie.Name}'s stale activation of {before.Id} to stop after it woke");
        var stoppedAfter = DateTimeOffset.UtcNow - resumedAt;
        var sweep = await cluster.WaitFinalAsync(id);

        var stale = zombie.Store.Journal.Where(w => w.Trial.TrialId == before.Id && w.Trial.Epoch == before.Epoch && w.At >= resumedAt).ToList();
        output.WriteLine($"froze {zombie.Name} at step {before.Step} of {before.Id} (epoch {before.Epoch}); {claimed.Owner} claimed it at epoch "
            + $"{claimed.Epoch} after {claimedAfter.TotalMilliseconds:F0} ms; the zombie woke, was answered "
            + $"[{string.Join(", ", stale.Select(w => $"{w.Operation}: {w.Answer}"))}] and stopped {stoppedAfter.TotalMilliseconds:F0} ms later");
        Assert.Equal(successor.Name, claimed.Owner);
        Assert.NotEmpty(stale);
        Assert.All(stale, w => Assert.NotEqual("ok", w.Answer));
        Assert.Contains(stale, w => w.Answer == "lease lost");
        Assert.True(sweep.State == SweepState.Completed, $"sweep ended {sweep.State}: {sweep.Error}");
        var final = cluster.Trial(id, before.Id);
        Assert.Equal(successor.Name, final.Owner);
        Assert.Equal(claimed.Epoch, final.Epoch);
        var points = cluster.Store.ReadPoints(id, before.Id);
        Curves.AssertContinuous(points, before.Id);
        Curves.AssertSameCurve(cluster.Store.ReadPoints(reference, before.Id), points, before.Id);
        Assert.Equal(
            cluster.Store.ListTrials(reference).Select(t => (t.Id, t.Status)),
            cluster.Store.ListTrials(id).Select(t => (t.Id, t.Status)));
    }
}
