using LrCluster.Core.RangeTest;

namespace LrCluster.Core.Tests.RangeTest;

public sealed class SuggestionSpreadsTests
{
    private static readonly double[] Lrs = [1e-3, 1e-2, 1e-1, 1];

    [Fact]
    public void Reports_the_mean_curve_answer_and_the_log_spread_of_the_repeats()
    {
        // Section answers: 0.1 for the first repeat, 0.01 for the second; the mean curve 3, 1.5, 1.75, 4 gives 0.01.
        Curve[] repeats = [new Curve(Lrs, [3, 2, 1, 4]), new Curve(Lrs, [3, 1, 2.5, 4])];
        AveragedCurve mean = CurveAverager.Average(repeats);

        SuggestionSpread spread = SuggestionSpreads.Compute(new SectionSuggestion(), mean, repeats);

        Assert.Equal("section", spread.Method);
        Assert.Equal(0.01, spread.MeanCurveLr!.Value, 1e-15);
        Assert.Equal([0.1, 0.01], spread.PerRepeat);
        Assert.Equal(Math.Pow(10, -1.5), spread.GeometricMean!.Value, 1e-15);
        Assert.Equal(Math.Log(10) / Math.Sqrt(2), spread.LogStd!.Value, 12);
    }

    [Fact]
    public void A_single_answer_has_zero_log_std()
    {
        Curve[] repeats = [new Curve(Lrs, [3, 2, 1, 4])];

        SuggestionSpread spread = SuggestionSpreads.Compute(new SectionSuggestion(), CurveAverager.Average(repeats), repeats);

        Assert.Equal(0.1, spread.GeometricMean!.Value, 1e-15);
        Assert.Equal(0.0, spread.LogStd);
    }

    [Fact]
    public void Repeats_too_short_for_the_method_leave_the_spread_empty()
    {
        Curve[] repeats = [new Curve(Lrs, [3, 2, 1, 4]), new Curve(Lrs, [3, 1, 2.5, 4])];

        SuggestionSpread spread = SuggestionSpreads.Compute(new SteepestSuggestion(), CurveAverager.Average(repeats), repeats);

        Assert.Equal("steepest", spread.Method);
        Assert.Null(spread.MeanCurveLr);
        Assert.Empty(spread.PerRepeat);
        Assert.Null(spread.GeometricMean);
        Assert.Null(spread.LogStd);
    }
}
