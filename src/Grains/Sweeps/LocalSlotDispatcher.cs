using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using LrCluster.Grains.Trials;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Sweeps;

/// <summary>
/// The embedded silo's placement: trials run on this process's slots, at most <see cref="ClusterOptions.Slots"/>
/// at once, each turn-based on its own thread (training steps are synchronous native calls).
/// </summary>
public sealed class LocalSlotDispatcher(ISweepStore store, ITrainerFactory trainers, ClusterOptions options, Action<TrialProgress>? progress) : ITrialDispatcher
{
    public async Task<IReadOnlyList<TrialStatus>> RunAllAsync(string sweepId, SweepSpec spec, IReadOnlyList<TrialDefinition> trials, CancellationToken cancellation)
    {
        using var slots = new SemaphoreSlim(Math.Max(1, options.Slots));
        var grain = new TrialGrain(store, trainers, options, progress);
        var tasks = trials.Select(async trial =>
        {
            await slots.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                return await Task.Factory.StartNew(() => grain.Run(sweepId, spec, trial, cancellation), cancellation,
                    TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        });
        try
        {
            return await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return trials.Select(_ => TrialStatus.Cancelled).ToList();
        }
    }
}
