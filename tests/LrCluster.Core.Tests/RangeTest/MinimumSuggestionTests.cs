using LrCluster.Core.RangeTest;

namespace LrCluster.Core.Tests.RangeTest;

public sealed class MinimumSuggestionTests
{
    [Fact]
    public void Answers_a_tenth_of_the_lr_at_the_lowest_loss_inside_the_fastai_window()
    {
        double[] lrs = TestCurves.Lrs(10);
        // n = 10: window [1, 5). The global minimum at index 5 lies in the trimmed tail.
        double[] losses = [5, 4, 3, 2, 1.5, 1, 2, 3, 4, 5];

        Suggestion? s = new MinimumSuggestion().Suggest(lrs, losses);

        Assert.Equal(new Suggestion("minimum", 0.5, 4), s);
    }

    [Fact]
    public void Num_it_moves_the_start_of_the_window()
    {
        double[] lrs = TestCurves.Lrs(12);
        double[] losses = [9, 1, 5, 4, 3, 2, 8, 8, 8, 8, 8, 8];

        Suggestion? byDefault = new MinimumSuggestion().Suggest(lrs, losses);
        Suggestion? withNumIt = new MinimumSuggestion(numIt: 20).Suggest(lrs, losses);

        // Default numIt = 12 starts at 1 and finds the 1 there; numIt = 20 starts at 2 and finds the 2 at index 5.
        Assert.Equal(1, byDefault?.Index);
        Assert.Equal(0.2, byDefault!.Lr, 15);
        Assert.Equal(5, withNumIt?.Index);
        Assert.Equal(0.6, withNumIt!.Lr, 15);
    }

    [Fact]
    public void Cuts_the_window_at_the_first_nan()
    {
        double[] lrs = TestCurves.Lrs(10);
        double[] losses = [9, 5, 4, double.NaN, 1, 0.5, 7, 7, 7, 7];

        Suggestion? s = new MinimumSuggestion().Suggest(lrs, losses);

        Assert.Equal(2, s?.Index);
    }

    [Fact]
    public void Can_answer_at_the_first_point()
    {
        double[] lrs = [0.01, 0.02, 0.03, 0.04, 0.05, 0.06];
        double[] losses = TestCurves.WithTrimmedTail(1);

        Suggestion? s = new MinimumSuggestion().Suggest(lrs, losses);

        Assert.Equal(new Suggestion("minimum", 0.001, 0), s);
    }

    [Fact]
    public void Can_answer_at_the_last_point_of_the_window()
    {
        double[] lrs = TestCurves.Lrs(9);
        double[] losses = TestCurves.WithTrimmedTail(4, 3, 2, 1);

        Suggestion? s = new MinimumSuggestion().Suggest(lrs, losses);

        Assert.Equal(3, s?.Index);
    }

    [Fact]
    public void Is_null_when_nothing_is_left_after_trimming()
    {
        var method = new MinimumSuggestion();

        Assert.Null(method.Suggest(TestCurves.Lrs(5), [1, 2, 3, 4, 5]));
        Assert.Null(method.Suggest(TestCurves.Lrs(6), TestCurves.WithTrimmedTail(double.NaN)));
        Assert.Null(method.Suggest([], []));
    }

    [Fact]
    public void Rejects_mismatched_lengths_and_non_positive_lrs()
    {
        var method = new MinimumSuggestion();

        var mismatch = Assert.Throws<ArgumentException>(() => method.Suggest([1, 2], [1]));
        var zero = Assert.Throws<ArgumentException>(() => method.Suggest([0, 1], [1, 1]));

        Assert.Equal("losses", mismatch.ParamName);
        Assert.Equal("lrs", zero.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinimumSuggestion(numIt: 0));
    }
}
