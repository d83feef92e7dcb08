using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Slots;
using LrCluster.Grains.Store;
using LrCluster.Grains.Trials;

namespace LrCluster.Grains.Sweeps;

/// <summary>
/// A phase through the store's queue: the coordinator enqueues the phase's trials as pending rows, wakes every silo's
/// slots, and waits until every trial is final. Finished trials tell the coordinator grain, which wakes this wait; the
/// wait then asks the store once however many finished meanwhile (completions are taken in batches). The poll only
/// covers a lost notice. The same path serves <c>lrc run</c>'s in-process silo and a cluster.
/// </summary>
public sealed class QueueDispatcher(ISweepStore store, WakeupSignal finished, Action wakeSlots, TimeSpan poll) : ITrialDispatcher
{
    public async Task<IReadOnlyList<TrialStatus>> RunAllAsync(string sweepId, SweepSpec spec, IReadOnlyList<TrialDefinition> trials, CancellationToken cancellation)
    {
        store.EnqueueTrials(trials.Select(trial => new TrialRecord(sweepId, trial.Id, trial.Phase, TrialRun.Serialize(trial), TrialStatus.Pending, 0,
            TrialRun.TotalSteps(spec, trial), double.NaN, double.NaN, null)).ToList());
        wakeSlots();

        // It asks only whether one trial is unfinished (the store stops at the first): reading every row per wake-up
        // made a phase quadratic in its size.
        var phase = trials.Count > 0 ? trials[0].Phase : TrialPhase.RangeTest;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var next = finished.Next();
            if (store.GetSweep(sweepId)?.State == SweepState.Cancelled)
            {
                throw new OperationCanceledException($"sweep {sweepId} was cancelled");
            }

            if (!store.AnyUnfinishedTrials(sweepId, phase))
            {
                var rows = store.ListTrials(sweepId).ToDictionary(t => t.Id);
                return trials.Select(t => rows[t.Id].Status).ToList();
            }

            await WakeupSignal.WaitAsync(next, poll, cancellation).ConfigureAwait(false);
        }
    }
}
