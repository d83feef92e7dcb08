using LrCluster.Core.RangeTest;

namespace LrCluster.Core.Tests.RangeTest;

public sealed class SectionRuleTests
{
    // Falls from 2.0 to 0.5 at index 6, then blows up; 5% of the 1.5 drop is 0.075, first reached at index 3.
    private static readonly double[] Lrs = TestCurves.Lrs(8);
    private static readonly double[] Losses = [2.0, 2.0, 1.99, 1.9, 1.5, 1.0, 0.5, 3.0];

    [Fact]
    public void Smith_takes_base_where_five_percent_of_the_drop_is_reached_and_max_at_the_minimum()
    {
        LrSection? section = new SmithSection().Choose(Lrs, Losses, suggestion: null);

        Assert.Equal(new LrSection(4, 7, "smith"), section);
    }

    [Fact]
    public void Smith_start_fraction_moves_the_base()
    {
        // Half the drop (0.75) is first reached at index 5.
        LrSection? section = new SmithSection(startFraction: 0.5).Choose(Lrs, Losses, suggestion: null);

        Assert.Equal(new LrSection(6, 7, "smith"), section);
    }

    [Fact]
    public void Smith_ends_the_section_where_most_of_the_drop_is_done_not_at_the_minimum()
    {
        // Drop 2.0 -> 0.9 (1.1); 90% of it (0.99) is first reached at index 5 (loss 1.0), before the minimum at 7.
        double[] losses = [2.0, 2.0, 1.9, 1.5, 1.2, 1.0, 0.95, 0.9, 4.0];

        LrSection? section = new SmithSection().Choose(TestCurves.Lrs(9), losses, suggestion: null);

        Assert.Equal(new LrSection(3, 6, "smith"), section);
    }

    [Fact]
    public void Smith_steps_back_one_point_when_the_whole_drop_is_a_single_step()
    {
        LrSection? section = new SmithSection().Choose(TestCurves.Lrs(5), [2, 2, 2, 0.5, 3], suggestion: null);

        Assert.Equal(new LrSection(3, 4, "smith"), section);
    }

    [Fact]
    public void Smith_ignores_the_suggestion_and_anything_after_the_minimum()
    {
        double[] losses = [2.0, 2.0, 1.99, 1.9, 1.5, 1.0, 0.5, 0.6, 0.55, 9];
        var suggestion = new Suggestion("valley", 100, 3);

        LrSection? section = new SmithSection().Choose(TestCurves.Lrs(10), losses, suggestion);

        Assert.Equal(new LrSection(4, 7, "smith"), section);
    }

    [Fact]
    public void Smith_is_null_when_the_loss_never_falls()
    {
        var rule = new SmithSection();

        Assert.Null(rule.Choose(TestCurves.Lrs(3), [1, 1.1, 1.2], null));
        Assert.Null(rule.Choose(TestCurves.Lrs(3), [1, 1, 1], null));
        Assert.Null(rule.Choose(TestCurves.Lrs(3), [double.NaN, 1, 0.5], null));
        Assert.Null(rule.Choose([1], [1], null));
    }

    [Fact]
    public void Ratio_divides_the_lr_at_the_minimum()
    {
        LrSection? section = new RatioSection().Choose(Lrs, Losses, suggestion: null);
        LrSection? third = new RatioSection(ratio: 3.5).Choose(Lrs, Losses, suggestion: null);

        Assert.Equal(new LrSection(1.75, 7, "ratio"), section);
        Assert.Equal(new LrSection(2, 7, "ratio"), third);
    }

    [Fact]
    public void Ratio_skips_nan_and_is_null_when_the_loss_never_falls()
    {
        var rule = new RatioSection();

        LrSection? withNan = rule.Choose(TestCurves.Lrs(4), [2, double.NaN, 1, 1.5], null);

        Assert.Equal(3.0, withNan?.MaxLr);
        Assert.Null(rule.Choose(TestCurves.Lrs(3), [1, 2, 3], null));
        Assert.Null(rule.Choose([], [], null));
    }

    [Fact]
    public void Suggestion_rule_divides_the_suggested_lr()
    {
        var suggestion = new Suggestion("valley", 0.01, 3);

        LrSection? section = new SuggestionSection().Choose(Lrs, Losses, suggestion);

        Assert.Equal(new LrSection(0.0025, 0.01, "suggestion"), section);
        Assert.Null(new SuggestionSection().Choose(Lrs, Losses, suggestion: null));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(double.PositiveInfinity)]
    public void Ratio_rules_reject_a_ratio_not_above_one(double ratio)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RatioSection(ratio));

        Assert.Equal("ratio", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SuggestionSection(ratio));
    }

    [Fact]
    public void Rules_are_created_by_name()
    {
        Assert.Equal(["smith", "ratio", "suggestion"], SectionRules.Names);
        Assert.IsType<SmithSection>(SectionRules.Create("smith"));
        Assert.IsType<RatioSection>(SectionRules.Create("RATIO"));
        Assert.IsType<SuggestionSection>(SectionRules.Create("suggestion"));
    }

    [Fact]
    public void Unknown_rule_names_throw_listing_the_allowed_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => SectionRules.Create("min"));

        Assert.Contains("smith, ratio, suggestion", error.Message);
    }
}
