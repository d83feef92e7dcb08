using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Slots;
using LrCluster.Grains.Store;
using LrCluster.Grains.Trials;

namespace LrCluster.Grains.Sweeps;

/// <summary>
/// A phase through the store's queue: the coordinator enqueues the phase's trials as pending rows, wakes every silo's
/// slots, and waits until every trial is final. Finished trials tell the coordinator grain (<see cref="CompletionNotices"/>);
/// the wait asks the store only once every trial of the phase has told it, on a cancel, or on the fallback poll, which
/// covers a lost notice (a dead silo's) and a cancel through another activation. The same path serves <c>lrc run</c>'s
/// in-process silo and a cluster.
/// </summary>
public sealed class QueueDispatcher(ISweepStore store, CompletionNotices notices, Action wakeSlots, TimeSpan poll) : ITrialDispatcher
{
    public async Task<IReadOnlyList<TrialStatus>> RunAllAsync(string sweepId, SweepSpec spec, IReadOnlyList<TrialDefinition> trials, CancellationToken cancellation)
    {
        notices.Expect(trials.Select(t => t.Id));
        store.EnqueueTrials(trials.Select(trial => new TrialRecord(sweepId, trial.Id, trial.Phase, TrialRun.Serialize(trial), TrialStatus.Pending, 0,
            TrialRun.TotalSteps(spec, trial), double.NaN, double.NaN, null)).ToList());
        wakeSlots();

        // It asks only whether one trial is unfinished (the store stops at the first): reading every row per wake-up
        // made a phase quadratic in its size. A resumed coordinator asks at once: its trials may all be final already.
        var phase = trials.Count > 0 ? trials[0].Phase : TrialPhase.RangeTest;
        var ask = true;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var next = notices.Next();
            if (ask || notices.CancelRequested || notices.AllArrived)
            {
                if (store.GetSweep(sweepId)?.State == SweepState.Cancelled)
                {
                    throw new OperationCanceledException($"sweep {sweepId} was cancelled");
                }

                if (!store.AnyUnfinishedTrials(sweepId, phase))
                {
                    var rows = store.ListTrials(sweepId).ToDictionary(t => t.Id);
                    return trials.Select(t => rows[t.Id].Status).ToList();
                }
            }

            ask = !await WakeupSignal.WaitAsync(next, poll, cancellation).ConfigureAwait(false);
        }
    }
}
