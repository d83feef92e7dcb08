using LrCluster.Core.RangeTest;

namespace LrCluster.Core.Tests.RangeTest;

public sealed class SteepestSuggestionTests
{
    private static double[] Curve(params double[] window) =>
        new double[] { 9, 9, 9, 1, 1, 1, 1, 1, 1, 1 }.Concat(window).Concat(new double[] { -50, -50, -50, -50, -50 }).ToArray();

    [Fact]
    public void Finds_the_lowest_numpy_gradient_after_skipping_ten_and_five_points()
    {
        // Window gradient: -0.2, -0.5, -0.45, -0.075, -0.05. The drops before 10 and after n - 5 are skipped.
        double[] losses = Curve(5, 4.8, 4.0, 3.9, 3.85);

        Suggestion? s = new SteepestSuggestion().Suggest(TestCurves.Lrs(20), losses);

        Assert.Equal(new Suggestion("steepest", 12, 11), s);
    }

    [Fact]
    public void Can_answer_the_last_point_of_the_window()
    {
        // Gradient: -0.1, -0.1, -0.2, -0.9, -1.5.
        double[] losses = Curve(5, 4.9, 4.8, 4.5, 3.0);

        Suggestion? s = new SteepestSuggestion().Suggest(TestCurves.Lrs(20), losses);

        Assert.Equal(14, s?.Index);
    }

    [Fact]
    public void Can_answer_the_first_point_of_the_window()
    {
        double[] losses = Curve(5, 3, 2.9, 2.85, 2.8);

        Suggestion? s = new SteepestSuggestion().Suggest(TestCurves.Lrs(20), losses);

        Assert.Equal(10, s?.Index);
    }

    [Fact]
    public void Skips_nan_gradients_instead_of_choosing_them()
    {
        // Gradient: -1, NaN, -0.05, NaN, -0.1; numpy's argmin would answer the first NaN.
        double[] losses = Curve(5, 4, double.NaN, 3.9, 3.8);

        Suggestion? s = new SteepestSuggestion().Suggest(TestCurves.Lrs(20), losses);

        Assert.Equal(10, s?.Index);
    }

    [Fact]
    public void Needs_seventeen_points()
    {
        var method = new SteepestSuggestion();
        double[] sixteen = Enumerable.Range(0, 16).Select(i => 10.0 - i).ToArray();
        double[] seventeen = Enumerable.Range(0, 17).Select(i => 10.0 - i).ToArray();

        Assert.Null(method.Suggest(TestCurves.Lrs(16), sixteen));
        Assert.Equal(10, method.Suggest(TestCurves.Lrs(17), seventeen)?.Index);
    }
}
