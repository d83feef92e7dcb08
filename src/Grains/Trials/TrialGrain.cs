using System.Text.Json;
using LrCluster.Core.Sampling;
using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Trials;

/// <summary>
/// One trial's activation: builds a fresh trainer, resumes from the last checkpoint if there is one,
/// runs the range-test or cyclical runner and records the outcome. It handles one trial at a time.
/// </summary>
public sealed class TrialGrain(ISweepStore store, ITrainerFactory trainers, ClusterOptions options, Action<TrialProgress>? progress)
{
    public TrialStatus Run(string sweepId, SweepSpec spec, TrialDefinition trial, CancellationToken cancellation)
    {
        var total = TotalSteps(spec, trial);
        var last = (Step: 0L, Lr: 0.0, Smoothed: double.NaN);
        var sink = new StoreTrialSink(store, sweepId, trial.Id, p =>
        {
            last = (p.Step, p.Lr, p.Smoothed);
            progress?.Invoke(new TrialProgress(sweepId, trial.Id, trial.Phase, TrialStatus.Running, p.Step + 1, total, p.Lr, p.Smoothed));
        });
        store.UpdateTrialProgress(sweepId, trial.Id, TrialStatus.Running, 0, 0, double.NaN);
        TrialStatus status;
        string? error = null;
        try
        {
            using var trainer = trainers.Create(spec, trial);
            var sampler = new BatchSampler(trainer.TrainRows, trial.BatchSize, (ulong)trial.Seed);
            status = trial.Phase == TrialPhase.RangeTest
                ? new RangeTestRunner(spec.RangeTest!, options.CheckpointEvery).Run(trainer, sampler, sink, cancellation)
                : new ClrRunner(trial.Schedule!, spec.Clr!.Epochs, options.CheckpointEvery).Run(trainer, sampler, sink, cancellation);
            sink.Flush();
        }
        catch (OperationCanceledException)
        {
            sink.Flush();
            status = TrialStatus.Cancelled;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            status = TrialStatus.Failed;
            error = e.Message;
        }

        store.UpdateTrialProgress(sweepId, trial.Id, status, last.Step + 1, last.Lr, last.Smoothed, error);
        progress?.Invoke(new TrialProgress(sweepId, trial.Id, trial.Phase, status, last.Step + 1, total, last.Lr, last.Smoothed));
        return status;
    }

    public static long TotalSteps(SweepSpec spec, TrialDefinition trial) => trial.Phase == TrialPhase.RangeTest
        ? RangeTestRunner.PlannedPoints(spec.RangeTest!)
        : trial.Schedule!.TotalSteps;

    public static string Serialize(TrialDefinition trial) => JsonSerializer.Serialize(trial, Json.Options);
}
