using LrCluster.Core.Spec;
using LrCluster.Grains.Store;
using LrCluster.Grains.Sweeps;
using LrCluster.Grains.Trials;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Silos;

/// <summary>
/// A one-process cluster: a silo worker and the sweep's coordinator over one store. <c>lrc run</c>
/// uses it with SQLite; trials still go through the store's queue, leases and fencing like on a cluster.
/// </summary>
public sealed class EmbeddedCluster(ISweepStore store, ITrainerFactory trainers, ClusterOptions options, Action<TrialProgress>? progress = null)
{
    public async Task<SweepState> RunSweepAsync(string sweepId, SweepSpec spec, CancellationToken cancellation)
    {
        using var stopWorker = new CancellationTokenSource();
        var worker = Task.Run(() => new SiloWorker(store, trainers, options, progress).RunAsync(stopWorker.Token), CancellationToken.None);
        try
        {
            var coordinator = new SweepCoordinator(store, trainers, new StoreDispatcher(store, options.PollInterval));
            return await coordinator.RunAsync(sweepId, spec, cancellation).ConfigureAwait(false);
        }
        finally
        {
            await stopWorker.CancelAsync().ConfigureAwait(false);
            await worker.ConfigureAwait(false);
        }
    }
}
