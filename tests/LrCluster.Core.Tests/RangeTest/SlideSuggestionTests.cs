using LrCluster.Core.RangeTest;

namespace LrCluster.Core.Tests.RangeTest;

public sealed class SlideSuggestionTests
{
    [Fact]
    public void Walks_left_while_the_gradients_lr_diff_apart_differ_by_more_than_the_threshold()
    {
        double[] lrs = TestCurves.Lrs(11);
        // gradient: -0.2, -0.25, -0.2, -0.06, -0.015, -0.01. Pairs (5,3): 0.05, (4,2): 0.185, (3,1): 0.19
        // all above 0.01, then (2,0): ~0 stops the walk; the last left point visited is 1.
        double[] losses = TestCurves.WithTrimmedTail(1.0, 0.8, 0.5, 0.4, 0.38, 0.37);

        Suggestion? s = new SlideSuggestion(numIt: 1, lrDiff: 2, threshold: 0.01).Suggest(lrs, losses);

        Assert.Equal(new Suggestion("slide", 2, 1), s);
    }

    [Fact]
    public void Answers_the_first_left_point_tried_when_the_walk_never_moves()
    {
        double[] lrs = TestCurves.Lrs(11);
        double[] losses = TestCurves.WithTrimmedTail(1.0, 0.8, 0.5, 0.4, 0.38, 0.37);

        // (5,3) differ by 0.05, below the threshold 0.1: the answer stays at n - 1 - lrDiff = 3.
        Suggestion? s = new SlideSuggestion(numIt: 1, lrDiff: 2, threshold: 0.1).Suggest(lrs, losses);

        Assert.Equal(3, s?.Index);
    }

    [Fact]
    public void Can_walk_all_the_way_to_the_first_point()
    {
        double[] lrs = TestCurves.Lrs(11);
        // Squares: gradient 1, 2, 4, 6, 8, 9 never repeats at distance 2.
        double[] losses = TestCurves.WithTrimmedTail(0, 1, 4, 9, 16, 25);

        Suggestion? s = new SlideSuggestion(numIt: 1, lrDiff: 2, threshold: 0).Suggest(lrs, losses);

        Assert.Equal(0, s?.Index);
        Assert.Equal(1.0, s?.Lr);
    }

    [Fact]
    public void Needs_more_points_than_lr_diff_in_the_window()
    {
        var method = new SlideSuggestion(numIt: 1);
        double[] line20 = Enumerable.Range(0, 20).Select(i => 2.0 - 0.1 * i).ToArray();
        double[] line21 = Enumerable.Range(0, 21).Select(i => 2.0 - 0.1 * i).ToArray();

        Suggestion? fifteen = method.Suggest(TestCurves.Lrs(20), line20);
        Suggestion? sixteen = method.Suggest(TestCurves.Lrs(21), line21);

        Assert.Null(fifteen);
        // A straight line has a constant gradient, so the walk never moves from n - 1 - 15 = 0.
        Assert.Equal(0, sixteen?.Index);
    }

    [Fact]
    public void The_default_num_it_trim_can_leave_too_few_points()
    {
        double[] line21 = Enumerable.Range(0, 21).Select(i => 2.0 - 0.1 * i).ToArray();

        // numIt = 21 starts the window at 2: 14 points, not more than 15.
        Suggestion? s = new SlideSuggestion().Suggest(TestCurves.Lrs(21), line21);

        Assert.Null(s);
    }

    [Fact]
    public void Rejects_a_zero_lr_diff_and_a_negative_threshold()
    {
        var diff = Assert.Throws<ArgumentOutOfRangeException>(() => new SlideSuggestion(lrDiff: 0));
        var threshold = Assert.Throws<ArgumentOutOfRangeException>(() => new SlideSuggestion(threshold: -1));

        Assert.Equal("lrDiff", diff.ParamName);
        Assert.Equal("threshold", threshold.ParamName);
    }
}
