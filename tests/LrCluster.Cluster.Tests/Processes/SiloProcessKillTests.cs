using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace LrCluster.Cluster.Tests.Processes;

/// <summary>
/// What it simulates: a silo machine crashing (kill -9) in the middle of real libtorch training, on a PostgreSQL
/// cluster of two <c>lrc-silo</c> processes (one slot each, a checkpoint every 20 steps, dead after 1 s). The crashed
/// silo hands nothing back; the other must notice the missed heartbeats, claim the trial under a higher epoch, resume
/// it from its last checkpoint and finish the sweep, and the resumed curve must have every step exactly once and the
/// same losses, bit for bit, as the same trial of an uninterrupted sweep run afterwards by the surviving silo alone.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloProcessKillTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lrc-cluster-proc-").FullName;

    [PostgresFact]
    public async Task A_silo_process_killed_mid_trial_has_its_trial_resumed_by_the_other_with_identical_losses()
    {
        using var schema = new PostgresSchema();
        using var a = SiloProcess.Start(_dir, schema.Url, "proc-a");
        using var b = SiloProcess.Start(_dir, schema.Url, "proc-b");
        await Task.WhenAll(a.WaitReadyAsync(), b.WaitReadyAsync());
        SiloProcess[] silos = [a, b];

        var id = await a.Client.SubmitAsync(ProcessSpecs.Digits);
        var target = await a.Client.WaitAsync(id, s => s.IsFinal()
                ? throw new InvalidOperationException($"the sweep ended before a trial could be caught mid-run: {s}")
                : s.Trials().Where(t => t.Status() == "running" && t.Owner() is not null && t.Step() > 40 && t.Step() <= 200)
                    .Select(t => (JsonElement?)t).FirstOrDefault(),
            TimeSpan.FromSeconds(60), "a trial past its second checkpoint");
        var trialId = target.GetProperty("id").GetString()!;
        var victim = silos.Single(s => s.Name == target.Owner());
        var survivor = silos.Single(s => s != victim);

        victim.Kill9();
        var clock = Stopwatch.StartNew();
        var resumed = await survivor.Client.WaitAsync(id, s => s.Trial(trialId) is var t && t.Epoch() > target.Epoch() ? t : (JsonElement?)null,
            TimeSpan.FromSeconds(30), $"{trialId} to be claimed again");
        var failover = clock.Elapsed;
        var sweep = await survivor.Client.WaitFinalAsync(id, TimeSpan.FromSeconds(60));
        var finished = clock.Elapsed;

        output.WriteLine($"kill -9 {victim.Name} at step {target.Step()} of {trialId} (epoch {target.Epoch()}); {resumed.Owner()} claimed it at epoch "
            + $"{resumed.Epoch()} {failover.TotalMilliseconds:F0} ms later; sweep {sweep.State()} {finished.TotalMilliseconds:F0} ms after the kill");
        Assert.True(victim.HasExited, $"{victim.Name} still runs after kill -9");
        Assert.True(sweep.State() == "completed", $"sweep ended {sweep}\n{survivor.Output}");
        var trial = sweep.Trial(trialId);
        Assert.Equal(survivor.Name, trial.Owner());
        Assert.True(trial.Epoch() >= 2, $"{trialId} ended at epoch {trial.Epoch()}");
        var points = await survivor.Client.PointsAsync(id, trialId);
        Curves.AssertContinuous(points.Select(p => p.Step).ToList(), trialId);

        // The same spec, uninterrupted, on the same store: only the survivor is left to run it.
        var reference = await survivor.Client.SubmitAsync(ProcessSpecs.Digits);
        var referenceSweep = await survivor.Client.WaitFinalAsync(reference, TimeSpan.FromSeconds(60));
        Assert.True(referenceSweep.State() == "completed", $"reference sweep ended {referenceSweep}");
        Assert.Equal(referenceSweep.Trial(trialId).Status(), trial.Status());
        var expected = await survivor.Client.PointsAsync(reference, trialId);
        Assert.Equal(expected.Select(p => p.Step), points.Select(p => p.Step));
        Curves.AssertSameBits(expected.Select(p => p.Loss).ToList(), points.Select(p => p.Loss).ToList(), $"{trialId} loss");
        Curves.AssertSameBits(expected.Select(p => p.Lr).ToList(), points.Select(p => p.Lr).ToList(), $"{trialId} lr");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
