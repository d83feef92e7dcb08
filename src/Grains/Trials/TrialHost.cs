using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Metrics;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;
using Microsoft.Extensions.Logging;

namespace LrCluster.Grains.Trials;

/// <summary>
/// What a slot's thread does with a claim: reads the spec, runs the trial (<see cref="TrialRun"/>), and settles an
/// interrupted one: cancelled when its sweep was cancelled, else handed back to the queue (a shutdown, or a
/// deactivation) so another slot resumes it from its checkpoint. A stale claim (a newer epoch exists) touches nothing.
/// Then the coordinator hears of every final status. Nothing here touches the trial grain's fields.
/// </summary>
public sealed partial class TrialHost(ISweepStore store, SweepSpecs specs, ITrainerFactory trainers, ClusterOptions options, TrialEvents events, IGrainFactory grains, ILogger<TrialHost> logger)
{
    /// <summary>Runs the claimed trial to its end, an interruption or a lost claim; returns how it ended.</summary>
    public TrialOutcome Execute(TrialClaim claim, CancellationToken cancellation)
    {
        var trial = new TrialRef(claim.SweepId, claim.TrialId, claim.Epoch);
        var phase = Enum.Parse<TrialPhase>(claim.Phase);
        using var metrics = new TrialMetrics(options.Name, trial, phase);
        var outcome = TrialOutcome.Failed;
        try
        {
            var spec = TrialRun.OnDevice(specs.Get(claim.SweepId), options.DeviceOfSlot(claim.Slot));
            outcome = new TrialRun(store, trainers, options, events.Publish).Run(new TrialLease(trial, phase, claim.DefinitionJson), spec, cancellation, metrics);
            if (outcome == TrialOutcome.Interrupted)
            {
                outcome = Settle(trial, metrics);
            }
            else
            {
                metrics.Finish(outcome == TrialOutcome.LeaseLost ? "lease_lost" : TrialMetrics.OutcomeOf(metrics.Status ?? TrialStatus.Failed));
            }
        }
        catch (Exception e) when (e is SpecException or InvalidOperationException)
        {
            Fail(trial, e.Message);
            metrics.Finish("failed");
        }
        catch (LeaseLostException)
        {
            outcome = TrialOutcome.LeaseLost;
            metrics.Finish("lease_lost");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The store failed under the trial (database down longer than its retries): hand it back if we still can.
            LogTrialFailed(e, claim.GrainKey);
            outcome = TrialOutcome.Interrupted;
            Guard(() => store.ReleaseLease(trial));
            metrics.Finish("interrupted");
        }

        if (outcome is TrialOutcome.Finished or TrialOutcome.Failed or TrialOutcome.Cancelled)
        {
            // One-way: the coordinator takes completions in batches (each wakes its phase wait once).
            grains.GetGrain<ISweepGrain>(claim.SweepId).TrialFinished(claim.TrialId).Ignore();
        }

        return outcome;
    }

    private TrialOutcome Settle(TrialRef trial, TrialMetrics metrics)
    {
        if (store.GetSweep(trial.SweepId)?.State == SweepState.Cancelled)
        {
            store.UpdateTrialProgress(trial, TrialStatus.Cancelled, 0, double.NaN, double.NaN);
            metrics.Finish("cancelled");
            return TrialOutcome.Cancelled;
        }

        store.ReleaseLease(trial);
        metrics.Finish("interrupted");
        return TrialOutcome.Interrupted;
    }

    private void Fail(TrialRef trial, string error) => Guard(() => store.UpdateTrialProgress(trial, TrialStatus.Failed, 0, double.NaN, double.NaN, error));

    private void Guard(Action storeCall)
    {
        try
        {
            storeCall();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A newer claim owns the trial, or the store is down: nothing more this activation may do.
            LogStoreCallFailed(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "trial {Trial} stopped on a store failure; handed back")]
    private partial void LogTrialFailed(Exception e, string trial);

    [LoggerMessage(Level = LogLevel.Warning, Message = "a trial's closing store call failed: {Reason}")]
    private partial void LogStoreCallFailed(string reason);
}
