using LrCluster.Grains.Store;
using LrCluster.Grains.Trials;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Silos;

/// <summary>What every silo runs: the trial worker on its slots and the coordinator worker, over one store.</summary>
public sealed class ClusterNode(
    ISweepStore store,
    ITrainerFactory trainers,
    ClusterOptions options,
    Action<TrialProgress>? progress = null,
    Action<Exception>? onError = null)
{
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(
        Task.Run(() => new SiloWorker(store, trainers, options, progress) { OnError = onError }.RunAsync(stop), CancellationToken.None),
        Task.Run(() => new CoordinatorWorker(store, trainers, options) { OnError = onError }.RunAsync(stop), CancellationToken.None));
}
