using LrCluster.Grains.Store;
using LrCluster.Grains.Trials;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Silos;

/// <summary>
/// A one-process cluster: one silo (trial and coordinator workers) over one store. <c>lrc run</c> uses
/// it with SQLite; the sweep goes through the store's queue, leases and fencing exactly as on a cluster.
/// </summary>
public sealed class EmbeddedCluster(ISweepStore store, ITrainerFactory trainers, ClusterOptions options, Action<TrialProgress>? progress = null)
{
    /// <summary>Runs the node until the (already created) sweep is final; cancelling marks the sweep cancelled.</summary>
    public async Task<SweepState> RunSweepAsync(string sweepId, CancellationToken cancellation)
    {
        using var stopNode = new CancellationTokenSource();
        var node = new ClusterNode(store, trainers, options, progress).RunAsync(stopNode.Token);
        try
        {
            while (true)
            {
                var wakeup = store.NextWakeup(Wakeup.Progress);
                var state = store.GetSweep(sweepId)?.State ?? SweepState.Failed;
                if (state is SweepState.Completed or SweepState.Failed or SweepState.Cancelled)
                {
                    return state;
                }

                if (cancellation.IsCancellationRequested)
                {
                    store.SetSweepState(sweepId, SweepState.Cancelled);
                    continue;
                }

                // The sweep's end wakes this at once; the poll is the fallback (and notices a cancellation request).
                await WakeupSignal.WaitAsync(wakeup, options.PollInterval, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            await stopNode.CancelAsync().ConfigureAwait(false);
            await node.ConfigureAwait(false);
        }
    }
}
