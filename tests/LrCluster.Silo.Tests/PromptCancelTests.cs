using System.Diagnostics;
using LrCluster.Core.Sweeps;
using LrCluster.Grains;
using LrCluster.Grains.Silos;
using LrCluster.Grains.Store;

namespace LrCluster.Silo.Tests;

/// <summary>A cancel stops a sweep's running trials through the wake-up it sends, not at the silo's next scheduled lease renewal.</summary>
public sealed class PromptCancelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lrc-cancel-").FullName;

    [Fact]
    public async Task Cancelling_a_sweep_stops_its_running_trials_long_before_the_next_scheduled_renewal()
    {
        using var store = new SqliteSweepStore(Path.Combine(_dir, "lrc.db"));
        store.Migrate();
        // Renewals are scheduled every 20 s (a third of the lease): only the cancel's wake-up can stop the trials sooner.
        var options = new ClusterOptions { Name = "silo-a", Slots = 2, LeaseDuration = TimeSpan.FromMinutes(1), PollInterval = TimeSpan.FromMilliseconds(50) };
        using var stop = new CancellationTokenSource();
        var node = new ClusterNode(store, new PacedTrainerFactory(TimeSpan.FromMilliseconds(2)), options).RunAsync(stop.Token);
        var now = DateTimeOffset.UtcNow;
        var id = SweepRecord.NewId("long", now);
        store.CreateSweep(new SweepRecord(id, "long", Specs.Long, "long.yaml", SweepState.Pending, now, now, null, null, null));
        await WaitUntilAsync(() => store.ListTrials(id).Any(t => t.Status == TrialStatus.Running && t.Step > 0), "a trial making progress");

        var clock = Stopwatch.StartNew();
        Assert.True(store.TryCancelSweep(id));
        await WaitUntilAsync(() => store.ListTrials(id).All(t => t.Status != TrialStatus.Running), "every trial stopping");
        var stopped = clock.Elapsed;
        await stop.CancelAsync();
        await node;

        Assert.True(stopped < TimeSpan.FromSeconds(10), $"the trials stopped {stopped.TotalSeconds:F1} s after the cancel");
        Assert.Contains(store.ListTrials(id), t => t.Status == TrialStatus.Cancelled);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"gave up waiting for {what}");
            await Task.Delay(20);
        }
    }
}
