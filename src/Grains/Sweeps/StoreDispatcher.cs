using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using LrCluster.Grains.Trials;

namespace LrCluster.Grains.Sweeps;

/// <summary>
/// Placement through the store: the coordinator enqueues the phase's trials as pending rows and waits
/// until every one is final; silos with free slots claim them (<see cref="Silos.SiloWorker"/>). The
/// same path serves the embedded cluster of <c>lrc run</c> and a cluster of silo processes.
/// </summary>
public sealed class StoreDispatcher(ISweepStore store, TimeSpan pollInterval) : ITrialDispatcher
{
    public async Task<IReadOnlyList<TrialStatus>> RunAllAsync(string sweepId, SweepSpec spec, IReadOnlyList<TrialDefinition> trials, CancellationToken cancellation)
    {
        store.EnqueueTrials(trials.Select(trial => new TrialRecord(sweepId, trial.Id, trial.Phase, TrialGrain.Serialize(trial), TrialStatus.Pending, 0,
            TrialGrain.TotalSteps(spec, trial), double.NaN, double.NaN, null)).ToList());

        var ids = trials.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (store.GetSweep(sweepId)?.State == SweepState.Cancelled)
            {
                throw new OperationCanceledException($"sweep {sweepId} was cancelled");
            }

            var rows = store.ListTrials(sweepId).Where(t => ids.Contains(t.Id)).ToDictionary(t => t.Id);
            if (rows.Count == ids.Count && rows.Values.All(t => IsFinal(t.Status)))
            {
                return trials.Select(t => rows[t.Id].Status).ToList();
            }

            await store.WaitForWorkAsync(pollInterval, cancellation).ConfigureAwait(false);
        }
    }

    public static bool IsFinal(TrialStatus status) =>
        status is TrialStatus.Completed or TrialStatus.Diverged or TrialStatus.Failed or TrialStatus.Cancelled;
}
