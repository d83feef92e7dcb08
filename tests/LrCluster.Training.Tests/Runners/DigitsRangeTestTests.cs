using LrCluster.Core.Sampling;
using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Training.Runners;

namespace LrCluster.Training.Tests.Runners;

/// <summary>A real range test on digits through the native engine, the way a trial grain runs it.</summary>
public sealed class DigitsRangeTestTests
{
    private const string Spec = """
        name: digits-rt
        seed: 7
        data: { builtin: digits, validation: 0.2 }
        model: { mlp: { hidden: [64], activation: relu } }
        loss: crossEntropy
        optimizer: { name: sgd, momentum: 0.9 }
        batchSize: 64
        rangeTest: { start: 1.0e-5, end: 100, steps: 150, divergence: 4 }
        """;

    [Fact]
    public void The_loss_falls_then_the_test_stops_on_divergence()
    {
        var points = Run(Spec, out var status);

        Assert.Equal(TrialStatus.Diverged, status);
        Assert.True(points.Count < 150, $"expected a divergence stop before the end, recorded {points.Count} points");
        var best = points.MinBy(p => p.Smoothed)!;
        Assert.True(best.Smoothed < 0.6 * points[0].Smoothed, $"loss fell only from {points[0].Smoothed} to {best.Smoothed}");
        Assert.True(points[^1].Smoothed > 4 * best.Smoothed || !double.IsFinite(points[^1].Loss));
        Assert.True(best.Lr > 1e-3 && best.Lr < 10, $"best lr {best.Lr} is outside the plausible range for SGD on digits");
    }

    [Fact]
    public void The_same_spec_and_seed_give_the_same_curve_bit_for_bit()
    {
        var first = Run(Spec, out _);
        var second = Run(Spec, out _);

        Assert.Equal(first.Select(p => BitConverter.DoubleToInt64Bits(p.Loss)), second.Select(p => BitConverter.DoubleToInt64Bits(p.Loss)));
    }

    [Fact]
    public void Another_seed_gives_another_curve()
    {
        var first = Run(Spec, out _);
        var other = Run(Spec.Replace("seed: 7", "seed: 8"), out _);

        Assert.NotEqual(first.Take(20).Select(p => p.Loss), other.Take(20).Select(p => p.Loss));
    }

    [Fact]
    public void Every_trial_starts_from_the_same_weights_whatever_ran_before()
    {
        var spec = SpecReader.Read(Spec, "digits.yaml");
        using var factory = new TorchTrainerFactory();
        var trial = new TrialDefinition("t", TrialPhase.RangeTest, "base", 0, spec.Seed, spec.Optimizer, spec.BatchSize);
        double FirstLoss()
        {
            using var trainer = factory.Create(spec, trial);
            return trainer.EvaluateValidation().Loss;
        }

        var before = FirstLoss();
        Run(Spec, out _);
        var after = FirstLoss();

        Assert.Equal(before, after);
    }

    private static List<LossPoint> Run(string yaml, out TrialStatus status)
    {
        var spec = SpecReader.Read(yaml, "digits.yaml");
        using var factory = new TorchTrainerFactory();
        var trial = new TrialDefinition("rt-base-r0", TrialPhase.RangeTest, "base", 0, spec.Seed, spec.Optimizer, spec.BatchSize);
        using var trainer = factory.Create(spec, trial);
        var sink = new MemorySink();
        status = new RangeTestRunner(spec.RangeTest!, 50).Run(trainer, new BatchSampler(trainer.TrainRows, spec.BatchSize, (ulong)spec.Seed), sink, CancellationToken.None);
        return sink.Points;
    }
}
