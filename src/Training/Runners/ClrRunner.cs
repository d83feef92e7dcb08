using System.Text.Json;
using LrCluster.Core.RangeTest;
using LrCluster.Core.Sampling;
using LrCluster.Core.Schedules;
using LrCluster.Core.Sweeps;

namespace LrCluster.Training.Runners;

/// <summary>
/// One cyclical trial: train for E epochs with the broadcast schedule, evaluate on held-out data at
/// every epoch end, checkpoint at epoch ends. A non-finite loss ends the trial as diverged.
/// </summary>
public sealed class ClrRunner(ScheduleParameters parameters, int epochs, int checkpointEvery)
{
    public TrialStatus Run(ITrialTrainer trainer, BatchSampler sampler, ITrialSink sink, CancellationToken cancellation)
    {
        var schedule = ScheduleFactory.Create(parameters);
        var plateau = schedule as PlateauScaledSchedule;
        var smoother = new BiasCorrectedEma();
        var perEpoch = sampler.BatchesPerEpoch;
        var next = 0L;
        var recorded = sink.RecordedPoints();
        if (sink.LoadCheckpoint() is { } checkpoint)
        {
            trainer.LoadState(checkpoint.State);
            next = checkpoint.NextStep;
            if (plateau is not null && checkpoint.ScheduleState is { } json)
            {
                plateau.Restore(JsonSerializer.Deserialize<PlateauState>(json)!);
            }

            foreach (var point in recorded.Where(p => p.Step < next).OrderBy(p => p.Step))
            {
                smoother.Next(point.Loss);
            }
        }

        var buffer = new long[sampler.BatchSize];
        var sinceCheckpoint = 0L;
        for (var epoch = (int)(next / perEpoch); epoch < epochs; epoch++)
        {
            var sum = 0.0;
            var lr = 0.0;
            for (var step = (long)epoch * perEpoch; step < (long)(epoch + 1) * perEpoch; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                var value = schedule.At(step);
                lr = value.Lr;
                sampler.Fill(step, buffer);
                var loss = trainer.Step(buffer, value.Lr, value.Momentum);
                sink.Record(new LossPoint(step, value.Lr, loss, smoother.Next(loss), value.Momentum));
                if (!double.IsFinite(loss))
                {
                    sink.RecordEpoch(new EpochPoint(epoch + 1, lr, double.NaN, double.NaN, double.NaN));
                    return TrialStatus.Diverged;
                }

                sum += loss;
            }

            var evaluation = trainer.EvaluateValidation();
            sink.RecordEpoch(new EpochPoint(epoch + 1, lr, sum / perEpoch, evaluation.Loss, evaluation.Metric));
            plateau?.OnEpochEnd(evaluation.Loss);
            sinceCheckpoint += perEpoch;
            if (sinceCheckpoint >= checkpointEvery || epoch == epochs - 1)
            {
                sinceCheckpoint = 0;
                var state = plateau is null ? null : JsonSerializer.Serialize(plateau.State);
                sink.Checkpoint(new TrialCheckpoint((long)(epoch + 1) * perEpoch, trainer.SaveState(), state));
            }
        }

        return TrialStatus.Completed;
    }
}
