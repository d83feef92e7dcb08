using LrCluster.Core.Sweeps;

namespace LrCluster.Core.Tests.Diagnostics;

public sealed class BaselineComparisonTests
{
    private static IReadOnlyList<EvaluationPoint> Metric(params (long Step, double Metric)[] points) =>
        [.. points.Select(p => new EvaluationPoint(p.Step, 0.01, 1, p.Metric))];

    private static ClrResult Result(string config, string policy) => new(config, policy, TrialStatus.Completed, 4, 0.3, 0.9, 0.3, 4);

    [Fact]
    public void Each_config_counts_the_steps_to_the_baselines_best_accuracy_and_their_ratio_to_the_baselines_own()
    {
        // The baseline is best (0.80) at step 30; triangular2 reaches 0.81 at step 20 (ratio 2/3); triangular never reaches 0.80.
        var evaluations = new Dictionary<string, IReadOnlyList<EvaluationPoint>>
        {
            ["fixed"] = Metric((10, 0.5), (20, 0.7), (30, 0.8), (40, 0.78)),
            ["triangular2"] = Metric((10, 0.6), (20, 0.81), (30, 0.79)),
            ["triangular"] = Metric((10, 0.6), (20, 0.79)),
        };

        var ranked = BaselineComparison.Apply([Result("triangular2", "triangular2"), Result("fixed", "fixed"), Result("triangular", "triangular")], evaluations, "fixed", higherIsBetter: true);

        Assert.Equal((20L, 2.0 / 3), (ranked[0].StepsToBaseline!.Value, ranked[0].BaselineStepRatio!.Value));
        Assert.Equal((30L, 1.0), (ranked[1].StepsToBaseline!.Value, ranked[1].BaselineStepRatio!.Value));
        Assert.Null(ranked[2].StepsToBaseline);
        Assert.Null(ranked[2].BaselineStepRatio);
    }

    [Fact]
    public void For_an_error_metric_lower_is_better()
    {
        // Mean absolute error: the baseline's best is 2.0 at step 40; exp_range gets to 1.9 at step 10.
        var evaluations = new Dictionary<string, IReadOnlyList<EvaluationPoint>>
        {
            ["fixed"] = Metric((10, 4.0), (20, 3.0), (40, 2.0)),
            ["exp_range"] = Metric((10, 1.9), (20, 2.5)),
        };

        var ranked = BaselineComparison.Apply([Result("fixed", "fixed"), Result("exp_range", "exp_range")], evaluations, "fixed", higherIsBetter: false);

        Assert.Equal(40, ranked[0].StepsToBaseline);
        Assert.Equal(10, ranked[1].StepsToBaseline);
        Assert.Equal(0.25, ranked[1].BaselineStepRatio);
    }

    [Fact]
    public void A_baseline_without_a_finite_evaluation_leaves_the_ranking_as_it_was()
    {
        var results = new[] { Result("fixed", "fixed"), Result("triangular", "triangular") };
        var evaluations = new Dictionary<string, IReadOnlyList<EvaluationPoint>> { ["fixed"] = Metric((10, double.NaN)), ["triangular"] = Metric((10, 0.5)) };

        Assert.Equal(results, BaselineComparison.Apply(results, evaluations, "fixed", true));
    }

    [Fact]
    public void The_first_fixed_config_is_the_baseline()
    {
        Assert.Equal("slow", BaselineComparison.BaselineOf([("triangular", "triangular"), ("slow", "fixed"), ("fast", "fixed")]));
        Assert.Null(BaselineComparison.BaselineOf([("triangular", "triangular")]));
    }

    [Theory]
    [InlineData("crossEntropy", true, "accuracy")]
    [InlineData("bceWithLogits", true, "accuracy")]
    [InlineData("mse", false, "mean absolute error")]
    [InlineData("huber", false, "mean absolute error")]
    public void The_metric_of_a_loss_says_which_way_is_better(string loss, bool higher, string name)
    {
        Assert.Equal(higher, ValidationMetric.HigherIsBetter(loss));
        Assert.Equal(name, ValidationMetric.Name(loss));
    }
}
