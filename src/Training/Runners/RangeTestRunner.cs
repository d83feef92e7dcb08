using LrCluster.Core.RangeTest;
using LrCluster.Core.Sampling;
using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;

namespace LrCluster.Training.Runners;

/// <summary>
/// One range-test trial: train while the LR climbs the ladder, record (step, lr, loss, smoothed),
/// stop at the end or on divergence. Plain class: a grain hosts it, so does <c>lrc run</c>.
/// </summary>
public sealed class RangeTestRunner(RangeTestSpec spec, int checkpointEvery)
{
    public static ILossSmoother CreateSmoother(SmoothingSpec smoothing) => smoothing.Kind switch
    {
        "ema" => new BiasCorrectedEma(smoothing.Beta),
        "emaUncorrected" => new Ema(smoothing.Beta),
        _ => new NoSmoothing(),
    };

    public static ILrLadder CreateLadder(RangeTestSpec spec) => spec.Mode switch
    {
        "exp" => new ExpLadder(spec.Start, spec.End, spec.Steps),
        "linear" => new LinearLadder(spec.Start, spec.End, spec.Steps),
        "expFastai" => new ExpFastaiLadder(spec.Start, spec.End, spec.Steps),
        "multiplier" => new MultiplierLadder(spec.Start, spec.Multiplier, spec.Steps),
        _ => throw new ArgumentException($"mode '{spec.Mode}' has no per-step ladder", nameof(spec)),
    };

    /// <summary>Upper bound on recorded points, for progress display.</summary>
    public static long PlannedPoints(RangeTestSpec spec) => spec.Mode == "grid"
        ? new GridLadder(spec.Start, spec.End, spec.Multiplier, spec.SamplesPerLr).Levels.Count
        : spec.Steps;

    public TrialStatus Run(ITrialTrainer trainer, BatchSampler sampler, ITrialSink sink, CancellationToken cancellation)
    {
        var smoother = CreateSmoother(spec.Smoothing);
        var divergence = spec.Divergence > 0 ? new DivergenceDetector(spec.Divergence) : null;
        var next = 0L;
        if (sink.LoadCheckpoint() is { } checkpoint)
        {
            trainer.LoadState(checkpoint.State);
            next = checkpoint.NextStep;
            foreach (var point in sink.RecordedPoints().Where(p => p.Step < next).OrderBy(p => p.Step))
            {
                // The smoother must see every replayed loss, whether or not a divergence rule is on.
                var smoothed = smoother.Next(point.Loss);
                divergence?.Observe(point.Loss, smoothed);
            }
        }

        return spec.Mode == "grid"
            ? RunGrid(trainer, sampler, sink, smoother, divergence, next, cancellation)
            : RunLadder(trainer, sampler, sink, smoother, divergence, next, cancellation);
    }

    private TrialStatus RunLadder(ITrialTrainer trainer, BatchSampler sampler, ITrialSink sink, ILossSmoother smoother,
        DivergenceDetector? divergence, long next, CancellationToken cancellation)
    {
        var ladder = CreateLadder(spec);
        var buffer = new long[sampler.BatchSize];
        var validation = spec.Measure == "validation";
        for (var step = next; step < ladder.StepCount; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            var lr = ladder.LrAt((int)step);
            sampler.Fill(step, buffer);
            var loss = trainer.Step(buffer, lr, null);

            // Smith's validation mode records the held-out loss every k steps instead of the noisy batch loss.
            var record = !validation || (step + 1) % spec.ValidateEvery == 0 || step == ladder.StepCount - 1 || !double.IsFinite(loss);
            if (record)
            {
                if (validation && double.IsFinite(loss))
                {
                    loss = trainer.EvaluateValidation().Loss;
                }

                var smoothed = smoother.Next(loss);
                sink.Record(new LossPoint(step, lr, loss, smoothed));
                if (divergence?.Observe(loss, smoothed) == true || !double.IsFinite(loss))
                {
                    sink.Checkpoint(new TrialCheckpoint(step + 1, trainer.SaveState()));
                    return TrialStatus.Diverged;
                }
            }

            if ((step + 1) % checkpointEvery == 0)
            {
                sink.Checkpoint(new TrialCheckpoint(step + 1, trainer.SaveState()));
            }
        }

        return TrialStatus.Completed;
    }

    /// <summary>trw's grid: each LR trains on S samples with a fresh optimizer (weights carried over); the point is the mean batch loss.</summary>
    private TrialStatus RunGrid(ITrialTrainer trainer, BatchSampler sampler, ITrialSink sink, ILossSmoother smoother,
        DivergenceDetector? divergence, long next, CancellationToken cancellation)
    {
        var grid = new GridLadder(spec.Start, spec.End, spec.Multiplier, spec.SamplesPerLr);
        var stepsPerLevel = (spec.SamplesPerLr + sampler.BatchSize - 1) / sampler.BatchSize;
        var buffer = new long[sampler.BatchSize];
        for (var level = (int)next; level < grid.Levels.Count; level++)
        {
            var lr = grid.Levels[level];
            trainer.ResetOptimizer();
            var sum = 0.0;
            for (var i = 0; i < stepsPerLevel; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                sampler.Fill(((long)level * stepsPerLevel) + i, buffer);
                sum += trainer.Step(buffer, lr, null);
            }

            var loss = sum / stepsPerLevel;
            var smoothed = smoother.Next(loss);
            sink.Record(new LossPoint(level, lr, loss, smoothed));
            var stop = divergence?.Observe(loss, smoothed) == true || !double.IsFinite(loss);
            if (stop || (level + 1) % Math.Max(1, checkpointEvery / stepsPerLevel) == 0)
            {
                sink.Checkpoint(new TrialCheckpoint(level + 1, trainer.SaveState()));
            }

            if (stop)
            {
                return TrialStatus.Diverged;
            }
        }

        return TrialStatus.Completed;
    }
}
