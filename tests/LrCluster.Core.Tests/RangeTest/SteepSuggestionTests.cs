using LrCluster.Core.RangeTest;

namespace LrCluster.Core.Tests.RangeTest;

public sealed class SteepSuggestionTests
{
    [Fact]
    public void Measures_slope_against_log_lr_not_against_the_index()
    {
        double[] lrs = [1, 2, 4, 100, 200, 300, 400, 500, 600];
        // Window [0, 4). Slopes: 0, -1/ln 2 = -1.44, -2/ln 25 = -0.62. By index the last drop (-2) would win.
        double[] losses = [5, 5, 4, 2, 9, 9, 9, 9, 9];

        Suggestion? s = new SteepSuggestion().Suggest(lrs, losses);

        Assert.Equal(new Suggestion("steep", 2, 1), s);
    }

    [Fact]
    public void Answers_the_left_point_of_the_steepest_segment_even_at_the_window_start()
    {
        double[] lrs = TestCurves.Lrs(8);
        double[] losses = TestCurves.WithTrimmedTail(5, 1, 0.9);

        Suggestion? s = new SteepSuggestion().Suggest(lrs, losses);

        Assert.Equal(0, s?.Index);
        Assert.Equal(1.0, s?.Lr);
    }

    [Fact]
    public void Can_answer_the_second_to_last_point_of_the_window()
    {
        double[] lrs = TestCurves.Lrs(9);
        double[] losses = TestCurves.WithTrimmedTail(5, 4.9, 4.8, 1);

        Suggestion? s = new SteepSuggestion().Suggest(lrs, losses);

        Assert.Equal(2, s?.Index);
    }

    [Fact]
    public void Num_it_trims_the_start_and_the_index_still_points_into_the_untrimmed_curve()
    {
        double[] lrs = [1, 2, 4, 100, 200, 300, 400, 500, 600];
        double[] losses = [5, 5, 4, 2, 9, 9, 9, 9, 9];

        Suggestion? s = new SteepSuggestion(numIt: 20).Suggest(lrs, losses);

        Assert.Equal(new Suggestion("steep", 4, 2), s);
    }

    [Fact]
    public void Is_null_with_fewer_than_two_points_in_the_window()
    {
        var method = new SteepSuggestion();

        Assert.Null(method.Suggest(TestCurves.Lrs(6), TestCurves.WithTrimmedTail(1)));
        Assert.Null(method.Suggest(TestCurves.Lrs(7), TestCurves.WithTrimmedTail(1, double.NaN)));
        Assert.NotNull(method.Suggest(TestCurves.Lrs(7), TestCurves.WithTrimmedTail(1, 2)));
    }
}
