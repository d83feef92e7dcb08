using System.Text.Json;
using LrCluster.Core.RangeTest;
using LrCluster.Core.Sampling;
using LrCluster.Core.Schedules;
using LrCluster.Core.Sweeps;

namespace LrCluster.Training.Runners;

/// <summary>
/// One cyclical trial: train for E epochs with the broadcast schedule, evaluate on held-out data at every epoch end and,
/// with <c>evaluateEvery</c>, every that many steps (counted from the start of training), and checkpoint at the first
/// evaluation after K steps since the last checkpoint and at the end. A non-finite loss ends the trial as diverged.
/// </summary>
public sealed class ClrRunner(ScheduleParameters parameters, int epochs, int checkpointEvery, int? evaluateEvery = null)
{
    /// <summary>The plateau rule's best loss is infinite until its first epoch ends, and a checkpoint may now come before that.</summary>
    private static readonly JsonSerializerOptions StateJson = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public TrialStatus Run(ITrialTrainer trainer, BatchSampler sampler, ITrialSink sink, CancellationToken cancellation)
    {
        var schedule = ScheduleFactory.Create(parameters);
        var plateau = schedule as PlateauScaledSchedule;
        var smoother = new BiasCorrectedEma();
        var perEpoch = sampler.BatchesPerEpoch;
        var total = (long)epochs * perEpoch;
        var next = 0L;
        var sum = 0.0;
        var recorded = sink.RecordedPoints();
        if (sink.LoadCheckpoint() is { } checkpoint)
        {
            trainer.LoadState(checkpoint.State);
            next = checkpoint.NextStep;
            sum = checkpoint.EpochLossSum ?? 0;
            if (plateau is not null && checkpoint.ScheduleState is { } json)
            {
                plateau.Restore(JsonSerializer.Deserialize<PlateauState>(json, StateJson)!);
            }

            foreach (var point in recorded.Where(p => p.Step < next).OrderBy(p => p.Step))
            {
                smoother.Next(point.Loss);
            }
        }

        var buffer = new long[sampler.BatchSize];
        var lastCheckpoint = next;
        var lr = 0.0;
        for (var step = next; step < total; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            var epoch = (int)(step / perEpoch);
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
            var done = step + 1;
            var epochEnd = done % perEpoch == 0;
            if (!epochEnd && (evaluateEvery is not { } k || done % k != 0))
            {
                continue;
            }

            var evaluation = trainer.EvaluateValidation();
            sink.RecordEvaluation(new EvaluationPoint(done, lr, evaluation.Loss, evaluation.Metric));
            if (epochEnd)
            {
                sink.RecordEpoch(new EpochPoint(epoch + 1, lr, sum / perEpoch, evaluation.Loss, evaluation.Metric));
                plateau?.OnEpochEnd(evaluation.Loss);
                sum = 0;
            }

            if (done - lastCheckpoint >= checkpointEvery || done == total)
            {
                lastCheckpoint = done;
                var state = plateau is null ? null : JsonSerializer.Serialize(plateau.State, StateJson);
                sink.Checkpoint(new TrialCheckpoint(done, trainer.SaveState(), state, epochEnd ? null : sum));
            }
        }

        return TrialStatus.Completed;
    }
}
