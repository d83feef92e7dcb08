using System.Text.Json;
using Xunit.Abstractions;

namespace LrCluster.Cluster.Tests.Processes;

/// <summary>
/// What it simulates: a silo process frozen mid-trial (SIGSTOP: a stuck VM, a long pause) with its connections open.
/// The other silo's Orleans membership declares it dead, requeues its trial and runs it under a higher epoch. Then the
/// frozen process is thawed (SIGCONT): it may still hold an activation of the trial for a moment, but every write it
/// tries names the old epoch and is refused, and it learns it was declared dead and stops. The trial's curve is
/// exactly that of an uninterrupted run.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloProcessFreezeTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lrc-cluster-freeze-").FullName;

    [PostgresFact]
    public async Task A_frozen_silo_thawed_after_its_trial_moved_writes_nothing_and_stops()
    {
        using var schema = new PostgresSchema();
        using var a = SiloProcess.Start(_dir, schema.Url, "freeze-a");
        using var b = SiloProcess.Start(_dir, schema.Url, "freeze-b");
        await Task.WhenAll(a.WaitReadyAsync(), b.WaitReadyAsync());
        SiloProcess[] silos = [a, b];

        var id = await a.Client.SubmitAsync(ProcessSpecs.Digits);
        var target = await a.Client.WaitAsync(id, s => s.IsFinal()
                ? throw new InvalidOperationException($"the sweep ended before a trial could be caught mid-run: {s}")
                : s.Trials().Where(t => t.Status() == "running" && t.Owner() is not null && t.Step() > 40 && t.Step() <= 200)
                    .Select(t => (JsonElement?)t).FirstOrDefault(),
            TimeSpan.FromSeconds(60), "a trial past its second checkpoint");
        var trialId = target.GetProperty("id").GetString()!;
        var frozen = silos.Single(s => s.Name == target.Owner());
        var survivor = silos.Single(s => s != frozen);

        frozen.Freeze();
        var moved = await survivor.Client.WaitAsync(id, s => s.Trial(trialId) is var t && t.Epoch() > target.Epoch() ? t : (JsonElement?)null,
            TimeSpan.FromSeconds(60), $"{trialId} to be claimed again while {frozen.Name} is frozen");
        frozen.Thaw();
        var sweep = await survivor.Client.WaitFinalAsync(id, TimeSpan.FromSeconds(90));
        var stopped = frozen.WaitForExit(TimeSpan.FromSeconds(60));

        output.WriteLine($"froze {frozen.Name} at step {target.Step()} of {trialId} (epoch {target.Epoch()}); {moved.Owner()} claimed it at epoch {moved.Epoch()}; "
            + $"thawed, it {(stopped ? $"exited {frozen.ExitCode}" : "still runs")}");
        Assert.True(sweep.State() == "completed", $"sweep ended {sweep}\n{survivor.Output}");
        var trial = sweep.Trial(trialId);
        Assert.Equal(survivor.Name, trial.Owner());
        Assert.True(trial.Epoch() > target.Epoch());
        Assert.True(stopped, $"{frozen.Name} did not stop after it was declared dead\n{frozen.Output}");
        var points = await survivor.Client.PointsAsync(id, trialId);
        Curves.AssertContinuous(points.Select(p => p.Step).ToList(), trialId);

        var reference = await survivor.Client.SubmitAsync(ProcessSpecs.Digits);
        var referenceSweep = await survivor.Client.WaitFinalAsync(reference, TimeSpan.FromSeconds(60));
        Assert.Equal("completed", referenceSweep.State());
        var expected = await survivor.Client.PointsAsync(reference, trialId);
        Curves.AssertSameBits(expected.Select(p => p.Loss).ToList(), points.Select(p => p.Loss).ToList(), $"{trialId} loss");
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
