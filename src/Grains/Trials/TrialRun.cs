using System.Text.Json;
using LrCluster.Core.Sampling;
using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Metrics;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Trials;

/// <summary>
/// One trial under a claim: builds a fresh trainer, resumes from the last checkpoint if there is one, runs the
/// range-test or cyclical runner and records the outcome, every write fenced by the claim's epoch. It runs
/// synchronously on its slot's thread (the trial grain hands it there). On cancellation it writes no final status:
/// the caller decides whether the trial goes back to the queue (shutdown) or ends cancelled (sweep cancelled).
/// </summary>
public sealed class TrialRun(ISweepStore store, ITrainerFactory trainers, ClusterOptions options, Action<TrialProgress>? progress)
{
    /// <summary>Runs the trial; <paramref name="metrics"/>, when given, sees every step and the final status.</summary>
    public TrialOutcome Run(TrialLease lease, SweepSpec spec, CancellationToken cancellation, TrialMetrics? metrics = null)
    {
        var trial = Deserialize(lease.DefinitionJson);
        var sweepId = lease.Ref.SweepId;
        var total = TotalSteps(spec, trial);
        var sink = new StoreTrialSink(
            store,
            lease.Ref,
            p => progress?.Invoke(new TrialProgress(sweepId, trial.Id, trial.Phase, TrialStatus.Running, p.Step + 1, total, p.Lr, p.Smoothed)),
            metrics,
            options.CheckpointDirectory is { Length: > 0 } dir ? new CheckpointFiles(dir) : null);
        try
        {
            // No "running" write here: the claim already marked the trial running under this epoch.
            TrialStatus status;
            string? error = null;
            try
            {
                using var trainer = trainers.Create(spec, trial);
                var sampler = new BatchSampler(trainer.TrainRows, trial.BatchSize, (ulong)trial.Seed);
                try
                {
                    status = trial.Phase == TrialPhase.RangeTest
                        ? new RangeTestRunner(spec.RangeTest!, options.CheckpointEvery).Run(trainer, sampler, sink, cancellation)
                        : new ClrRunner(trial.Schedule!, spec.Clr!.Epochs, options.CheckpointEvery, spec.Clr.EvaluateEvery).Run(trainer, sampler, sink, cancellation);
                }
                catch (OperationCanceledException) when (CheckpointsEveryStep(spec, trial) && sink.Position.Steps > 0)
                {
                    // A range test on a per-step ladder records every step and checks its token before the next one:
                    // the trainer now holds exactly the state after the last recorded step.
                    throw new InterruptedAtStepException(sink.Position.Steps, trainer.SaveState());
                }
            }
            catch (OperationCanceledException)
            {
                sink.Flush();
                return TrialOutcome.Interrupted;
            }
            catch (InterruptedAtStepException interrupted)
            {
                // The runner stopped between two steps: the trainer's state is that of the last recorded step, so the
                // trial goes back to the queue with a checkpoint there instead of replaying from the last periodic one.
                sink.Checkpoint(new TrialCheckpoint(interrupted.NextStep, interrupted.State));
                return TrialOutcome.Interrupted;
            }
            catch (Exception e) when (e is not (OutOfMemoryException or LeaseLostException))
            {
                status = TrialStatus.Failed;
                error = e.Message;
            }

            // The buffered points and the final status in one write: a short trial's store time is mostly round trips.
            sink.Finish(status, error);
            metrics?.Status = status;
            var (steps, lr, smoothed) = sink.Position;
            progress?.Invoke(new TrialProgress(sweepId, trial.Id, trial.Phase, status, steps, total, lr, smoothed));
            return status == TrialStatus.Failed ? TrialOutcome.Failed : TrialOutcome.Finished;
        }
        catch (LeaseLostException)
        {
            // A newer activation owns the trial: stop at once and touch nothing.
            return TrialOutcome.LeaseLost;
        }
    }

    /// <summary>Whether an interrupted trial's state is that of its last recorded step (see <see cref="InterruptedAtStepException"/>).</summary>
    private static bool CheckpointsEveryStep(SweepSpec spec, TrialDefinition trial) =>
        trial.Phase == TrialPhase.RangeTest && spec.RangeTest is { Mode: not "grid", Measure: "train" };

    /// <summary>
    /// The spec as it runs on a slot: a spec that asks for <c>cuda</c> gets the slot's own GPU (<c>cuda:1</c> on the
    /// second slot of a silo started with <c>--gpus 0,1</c>), so the trials of a silo spread over its GPUs instead of
    /// all landing on the first. <c>cpu</c> and an explicit <c>cuda:N</c> are kept as written.
    /// </summary>
    public static SweepSpec OnDevice(SweepSpec spec, string? slotDevice) =>
        slotDevice is not null && spec.Device == "cuda" ? spec with { Device = slotDevice } : spec;

    public static long TotalSteps(SweepSpec spec, TrialDefinition trial) => trial.Phase == TrialPhase.RangeTest
        ? RangeTestRunner.PlannedPoints(spec.RangeTest!)
        : trial.Schedule!.TotalSteps;

    public static string Serialize(TrialDefinition trial) => JsonSerializer.Serialize(trial, Json.Options);

    public static TrialDefinition Deserialize(string json) => JsonSerializer.Deserialize<TrialDefinition>(json, Json.Options)!;
}
