using LrCluster.Core.RangeTest;

namespace LrCluster.Core.Tests.RangeTest;

public sealed class SectionSuggestionTests
{
    [Fact]
    public void Cuts_at_the_first_blow_up_after_the_settling_points_and_takes_the_minimum_before_it()
    {
        double[] lrs = TestCurves.Lrs(12);
        // Above 0.8: 0, 1, 2 (leading run, dropped), 8, 10, 11. Cut at 8: minimum of [0, 8] is 0.4 at 7;
        // the lower 0.3 at 9 lies past the cut.
        double[] losses = [1.0, 0.95, 0.85, 0.7, 0.6, 0.5, 0.45, 0.4, 0.9, 0.3, 2.0, 3.0];

        Suggestion? s = new SectionSuggestion().Suggest(lrs, losses);

        Assert.Equal(new Suggestion("section", 8, 7), s);
    }

    [Fact]
    public void Only_indices_beyond_five_cut_the_curve()
    {
        double[] lrs = TestCurves.Lrs(10);
        // Above 0.8 after the leading run: 5 and 8. Index 5 is not beyond 5, so 8 cuts: minimum 0.1 at 7.
        double[] losses = [1.0, 0.9, 0.5, 0.4, 0.3, 0.85, 0.2, 0.1, 0.9, 0.05];

        Suggestion? s = new SectionSuggestion().Suggest(lrs, losses);

        Assert.Equal(7, s?.Index);
    }

    [Fact]
    public void A_leading_run_reaching_the_end_is_dropped_whole_and_the_answer_can_be_the_last_point()
    {
        double[] lrs = TestCurves.Lrs(8);
        // Above 0.8: 0, 1, 2, all one run (trw crashes here). Nothing cuts, minimum at the last point.
        double[] losses = [1.0, 0.9, 0.85, 0.7, 0.6, 0.5, 0.4, 0.3];

        Suggestion? s = new SectionSuggestion().Suggest(lrs, losses);

        Assert.Equal(new Suggestion("section", 8, 7), s);
    }

    [Fact]
    public void Never_picks_a_nan_loss()
    {
        double[] lrs = TestCurves.Lrs(8);
        double[] losses = [1, 0.9, 0.7, double.NaN, 0.5, 0.6, 0.65, 0.7];

        Suggestion? s = new SectionSuggestion().Suggest(lrs, losses);

        Assert.Equal(4, s?.Index);
    }

    [Fact]
    public void A_first_blow_up_after_the_settling_points_is_not_skipped()
    {
        double[] lrs = TestCurves.Lrs(9);
        // losses[0] = 0 makes the threshold 0: above = 6, 8. 6 is past the settling window, so it cuts.
        double[] losses = [0, -1, -2, -3, -4, -5, 1, -6, 2];

        Suggestion? s = new SectionSuggestion().Suggest(lrs, losses);

        Assert.Equal(5, s?.Index);
    }

    [Fact]
    public void Can_answer_the_first_point()
    {
        double[] lrs = TestCurves.Lrs(4);

        Suggestion? s = new SectionSuggestion().Suggest(lrs, [1, 1.5, 2, 3]);

        Assert.Equal(0, s?.Index);
    }

    [Fact]
    public void The_ratio_sets_the_blow_up_threshold()
    {
        double[] lrs = TestCurves.Lrs(10);
        double[] losses = [1.0, 0.9, 0.5, 0.4, 0.3, 0.35, 0.6, 0.55, 0.2, 0.1];

        // Ratio 0.5: above = 0, 1 (run), 6, 7; 6 cuts: minimum 0.3 at 4. Ratio 0.8: nothing cuts: 0.1 at 9.
        Suggestion? strict = new SectionSuggestion(ratio: 0.5).Suggest(lrs, losses);
        Suggestion? loose = new SectionSuggestion().Suggest(lrs, losses);

        Assert.Equal(4, strict?.Index);
        Assert.Equal(9, loose?.Index);
    }

    [Fact]
    public void Is_null_for_an_empty_or_all_nan_curve()
    {
        var method = new SectionSuggestion();

        Assert.Null(method.Suggest([], []));
        Assert.Null(method.Suggest([1, 2], [double.NaN, double.NaN]));
    }
}
