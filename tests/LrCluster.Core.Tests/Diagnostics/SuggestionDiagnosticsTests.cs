using LrCluster.Core.Diagnostics;
using LrCluster.Core.RangeTest;

namespace LrCluster.Core.Tests.Diagnostics;

public sealed class SuggestionDiagnosticsTests
{
    private static IReadOnlyList<SweepWarning> Check(Core.Sweeps.SweepDecision decision, int steps) =>
        [.. SuggestionDiagnostics.Check(Runs.Spec(steps), decision, DiagnosticThresholds.Default)];

    [Fact]
    public void Repeats_one_decade_apart_disagree_and_ones_twenty_percent_apart_do_not()
    {
        // Two answers a factor r apart: the sample std of their logs is ln(r) / sqrt(2): 1.63 for r = 10, 0.13 for r = 1.2.
        var spreads = new[]
        {
            new SuggestionSpread("valley", 3e-3, [1e-3, 1e-2], Math.Sqrt(1e-5), Math.Log(10) / Math.Sqrt(2)),
            new SuggestionSpread("steep", 3e-3, [1e-3, 1.2e-3], Math.Sqrt(1.2e-6), Math.Log(1.2) / Math.Sqrt(2)),
        };

        var warning = Assert.Single(Runs.Codes(Check(Runs.Decision(Runs.Valley(60, 40), spreads), 60), WarningCodes.RepeatsDisagree));

        Assert.Contains("valley: 0.001 to 0.01, log std 1.63", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("steep", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Section 1e-4 to 1e-3. 2e-2 is log10(2e-2 / 1e-3) = 1.30 decades above it, 1e-5 exactly 1 below; 5e-3 only 0.70.
    [InlineData(2e-2, true)]
    [InlineData(1e-5, true)]
    [InlineData(5e-3, false)]
    [InlineData(3e-4, false)]
    public void A_section_an_order_of_magnitude_from_the_suggestion_is_flagged(double suggested, bool warned)
    {
        var decision = Runs.Decision(Runs.Valley(60, 40), section: new LrSection(1e-4, 1e-3, "smith"), suggested: suggested);

        Assert.Equal(warned ? 1 : 0, Runs.Codes(Check(decision, 60), WarningCodes.SectionFarFromSuggestion).Count);
    }

    [Fact]
    public void A_minimum_pinned_to_the_last_point_of_fastais_window_is_flagged()
    {
        // 40 points falling all the way, num_it 40: fastai's window is [40 // 10, 40 - 5) = [4, 35), so the lowest point
        // the minimum method may pick is index 34, the window's last.
        var warnings = Check(Runs.Decision(Runs.Falling(40)), 40);

        var edge = Runs.Codes(warnings, WarningCodes.SuggestionAtWindowEdge);
        Assert.Contains(edge, w => w.Message.Contains("minimum's answer", StringComparison.Ordinal) && w.Message.Contains("indices 4 to 34", StringComparison.Ordinal));
    }

    [Fact]
    public void A_minimum_inside_the_window_is_not_flagged()
    {
        var warnings = Check(Runs.Decision(Runs.Valley(40, 20)), 40);

        Assert.DoesNotContain(warnings, w => w.Message.Contains("minimum's answer", StringComparison.Ordinal));
    }

    [Fact]
    public void The_section_method_on_a_curve_that_never_rose_answers_the_ladders_last_point()
    {
        var warnings = Check(Runs.Decision(Runs.Falling(40)), 40);

        Assert.Contains(Runs.Codes(warnings, WarningCodes.SuggestionAtLadderEdge), w => w.Message.Contains("section's answer", StringComparison.Ordinal) && w.Message.Contains("last point of the ladder", StringComparison.Ordinal));
    }

    [Fact]
    public void Slide_on_twelve_points_gives_no_answer_and_says_so()
    {
        // slide walks pairs 15 points apart, so it needs more than 15 points in fastai's window; 12 points have 7 there.
        var warnings = Runs.Codes(Check(Runs.Decision(Runs.Valley(12, 6)), 12), WarningCodes.TooFewPoints);

        Assert.Contains(warnings, w => w.Message.StartsWith("candidate base: slide gave no answer: the mean curve has 12 point(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_method_that_answers_from_fewer_than_ten_points_is_flagged()
    {
        // 14 points, num_it 14: fastai's window is [1, 9), 8 points: minimum answers, but from too little curve.
        var warnings = Runs.Codes(Check(Runs.Decision(Runs.Valley(14, 6)), 14), WarningCodes.TooFewPoints);

        Assert.Contains(warnings, w => w.Message.StartsWith("candidate base: minimum answered from 8 point(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_healthy_curve_raises_no_suggestion_warning_but_the_expected_ones()
    {
        // 100 points with the valley at 60: every window is wide and the suggestions sit inside them.
        var warnings = Check(Runs.Decision(Runs.Valley(100, 60)), 100);

        Assert.Empty(Runs.Codes(warnings, WarningCodes.TooFewPoints));
        Assert.Empty(Runs.Codes(warnings, WarningCodes.SuggestionAtLadderEdge));
        Assert.Empty(Runs.Codes(warnings, WarningCodes.RepeatsDisagree));
    }
}
