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

        // A phase is all of the sweep's trials of that phase. Every finished trial wakes this loop, so it asks only
        // whether one is unfinished (the store stops at the first): reading every row per wake-up made a phase
        // quadratic in its size.
        var phase = trials.Count > 0 ? trials[0].Phase : TrialPhase.RangeTest;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var wakeup = store.NextWakeup(Wakeup.Progress);
            if (store.GetSweep(sweepId)?.State == SweepState.Cancelled)
            {
                throw new OperationCanceledException($"sweep {sweepId} was cancelled");
            }

            if (!store.AnyUnfinishedTrials(sweepId, phase))
            {
                var rows = store.ListTrials(sweepId).ToDictionary(t => t.Id);
                return trials.Select(t => rows[t.Id].Status).ToList();
            }

            await WakeupSignal.WaitAsync(wakeup, pollInterval, cancellation).ConfigureAwait(false);
        }
    }
}
