using LrCluster.Core.RangeTest;

namespace LrCluster.Core.Tests.RangeTest;

public sealed class ValleySuggestionTests
{
    [Fact]
    public void Answers_a_little_past_the_first_third_of_a_steady_descent()
    {
        double[] lrs = TestCurves.Lrs(15);
        // Indices 0..8 decrease: lds[8] = 9, maxStart = 8 - 9 = -1, s = 3, idx = -1 + 3 + 1 = 3.
        double[] losses = TestCurves.WithTrimmedTail(10, 9, 8, 7, 6, 5, 4, 3, 2.5, 6);

        Suggestion? s = new ValleySuggestion(numIt: 1).Suggest(lrs, losses);

        Assert.Equal(new Suggestion("valley", 4, 3), s);
    }

    [Fact]
    public void Follows_the_longest_decreasing_subsequence_across_bumps()
    {
        double[] lrs = TestCurves.Lrs(13);
        // Longest run 5 > 4 > 3 > 2 > 1 ends at 6 with length 5: maxStart = 1, s = 5/3, idx = 1 + 1 + 0 = 2.
        double[] losses = TestCurves.WithTrimmedTail(5, 6, 4, 3, 7, 2, 1, 8);

        Suggestion? s = new ValleySuggestion(numIt: 1).Suggest(lrs, losses);

        Assert.Equal(2, s?.Index);
        Assert.Equal(3.0, s?.Lr);
    }

    [Fact]
    public void Clamps_index_minus_one_to_the_first_point_where_fastai_would_read_the_last()
    {
        double[] lrs = TestCurves.Lrs(8);
        // Best run is 2 > 1 ending at 1: maxStart = -1, s = 2/3, idx = -1. Python would answer lrs[-1] = 3.
        double[] losses = TestCurves.WithTrimmedTail(2, 1, 3);

        Suggestion? s = new ValleySuggestion().Suggest(lrs, losses);

        Assert.Equal(new Suggestion("valley", 1, 0), s);
    }

    [Fact]
    public void A_single_point_window_answers_that_point()
    {
        double[] lrs = TestCurves.Lrs(6);

        Suggestion? s = new ValleySuggestion().Suggest(lrs, TestCurves.WithTrimmedTail(3));

        Assert.Equal(0, s?.Index);
    }

    [Fact]
    public void Offsets_the_index_by_the_num_it_trim()
    {
        double[] lrs = TestCurves.Lrs(15);
        double[] losses = TestCurves.WithTrimmedTail(10, 9, 8, 7, 6, 5, 4, 3, 2.5, 6);

        // Default numIt = 15 starts at 1: the run 9..2.5 ends at local 7 with length 8, maxStart = -1,
        // s = 8/3, idx = -1 + 2 + 1 = 2, which is index 3 of the whole curve.
        Suggestion? s = new ValleySuggestion().Suggest(lrs, losses);

        Assert.Equal(3, s?.Index);
        Assert.Equal(4.0, s?.Lr);
    }

    [Fact]
    public void Ignores_everything_from_the_first_nan()
    {
        double[] lrs = TestCurves.Lrs(12);
        double[] losses = TestCurves.WithTrimmedTail(5, 6, 4, double.NaN, 3, 2, 1);

        // Window 5, 6, 4: run 6 > 4 (or 5 > 4) ends at 2 with length 2: maxStart = 0, s = 2/3, idx = 0.
        Suggestion? s = new ValleySuggestion(numIt: 1).Suggest(lrs, losses);

        Assert.Equal(0, s?.Index);
    }

    [Fact]
    public void Is_null_when_the_window_is_empty()
    {
        Assert.Null(new ValleySuggestion().Suggest(TestCurves.Lrs(5), [1, 2, 3, 4, 5]));
    }
}
