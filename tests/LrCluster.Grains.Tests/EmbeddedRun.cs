using LrCluster.Grains.Contracts;
using LrCluster.Grains.Hosting;
using LrCluster.Grains.Store;
using LrCluster.Grains.Trials;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Tests;

/// <summary>A sweep submitted to an in-process silo (the one <c>lrc run</c> starts) over a test's store, run to its end.</summary>
internal static class EmbeddedRun
{
    public static async Task<(string Id, SweepState State)> RunAsync(ISweepStore store, string yaml, ITrainerFactory trainers, ClusterOptions options,
        Action<TrialProgress>? progress = null, CancellationToken cancellation = default)
    {
        var id = $"s{Guid.NewGuid():N}"[..12];
        options.PollInterval = TimeSpan.FromMilliseconds(100);
        await using var silo = await EmbeddedSilo.StartAsync(store, trainers, options, progress);
        var state = await silo.RunSweepAsync(new SweepSubmission(id, "test", yaml, "test.yaml"), cancellation);
        return (id, state);
    }
}
