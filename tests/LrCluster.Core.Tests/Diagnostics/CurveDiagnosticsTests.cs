using LrCluster.Core.Diagnostics;
using LrCluster.Core.Sweeps;

namespace LrCluster.Core.Tests.Diagnostics;

public sealed class CurveDiagnosticsTests
{
    private static IReadOnlyList<SweepWarning> Check(IReadOnlyList<double> mean, IReadOnlyList<RangeTestRun> runs, string measure = "train") =>
        [.. CurveDiagnostics.Check(Runs.Spec(mean.Count, measure), Runs.Decision(mean), runs, DiagnosticThresholds.Default)];

    [Fact]
    public void A_curve_still_falling_at_the_end_with_no_repeat_diverged_never_turned_up()
    {
        var mean = Runs.Falling(30);

        var warning = Assert.Single(Check(mean, [Runs.Run("rt-base-r0", mean), Runs.Run("rt-base-r1", mean)]));

        Assert.Equal(WarningCodes.CurveNeverTurnedUp, warning.Code);
        Assert.Equal("base", warning.Candidate);
        // The lowest point is the last one, lr 1e-5 * 10^(29/10) = 7.94e-3; the advice is to raise end tenfold.
        Assert.Contains("lowest at lr 0.00794", warning.Message, StringComparison.Ordinal);
        Assert.Contains("raise rangeTest.end (to 100 or more)", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    // 30 points: the tail is max(3, ceil(0.1 * 30)) = 3 points, indices 27 to 29.
    [InlineData(30, 27, true)]
    [InlineData(30, 26, false)]
    [InlineData(30, 15, false)]
    // 100 points: the tail is 10 points, indices 90 to 99.
    [InlineData(100, 90, true)]
    [InlineData(100, 89, false)]
    public void A_curve_turned_up_unless_its_lowest_point_is_in_the_last_tenth(int n, int low, bool warned)
    {
        var mean = Runs.Valley(n, low);

        Assert.Equal(warned ? 1 : 0, Runs.Codes(Check(mean, [Runs.Run("rt-base-r0", mean)]), WarningCodes.CurveNeverTurnedUp).Count);
    }

    [Fact]
    public void A_curve_whose_repeat_diverged_did_turn_up_even_if_the_mean_ends_low()
    {
        var mean = Runs.Falling(30);

        var warnings = Check(mean, [Runs.Run("rt-base-r0", mean), Runs.Run("rt-base-r1", mean, TrialStatus.Diverged)]);

        Assert.Empty(Runs.Codes(warnings, WarningCodes.CurveNeverTurnedUp));
    }

    [Fact]
    public void A_non_finite_loss_is_named_with_its_step_and_lr()
    {
        var losses = Runs.Valley(20, 10);
        losses[12] = double.NaN;

        var warning = Assert.Single(Runs.Codes(Check(Runs.Valley(20, 10), [Runs.Run("rt-base-r1", losses[..13])]), WarningCodes.NonFiniteLoss));

        // Step 12 is at lr 1e-5 * 10^1.2 = 1.58e-4.
        Assert.StartsWith("rt-base-r1: the loss became NaN at step 12 (lr 0.000158)", warning.Message, StringComparison.Ordinal);
        Assert.Equal("base", warning.Candidate);
    }

    [Theory]
    // A straight fall from 2 to 1 over 41 points plus a zigzag of ±a: every second difference is ±4a, the fall is 1,
    // so the noise share is 4a against the threshold 0.2.
    [InlineData(0.06, true)]
    [InlineData(0.04, false)]
    [InlineData(0.0, false)]
    public void A_validation_curve_is_too_noisy_when_its_zigzag_is_large_against_its_fall(double a, bool warned)
    {
        var trend = Enumerable.Range(0, 41).Select(i => 2 - (i / 40.0)).ToArray();
        var raw = trend.Select((t, i) => t + (i % 2 == 0 ? a : -a)).ToArray();
        var run = Runs.Run("rt-base-r0", raw, smoothed: trend);

        Assert.Equal(4 * a, CurveDiagnostics.NoiseShare(run.Points)!.Value, 9);
        var warnings = Runs.Codes(Check(trend, [run], "validation"), WarningCodes.NoisyValidationCurve);
        Assert.Equal(warned ? 1 : 0, warnings.Count);
    }

    [Fact]
    public void A_noisy_train_mode_curve_is_not_judged_by_the_validation_rule()
    {
        var trend = Enumerable.Range(0, 41).Select(i => 2 - (i / 40.0)).ToArray();
        var raw = trend.Select((t, i) => t + (i % 2 == 0 ? 0.2 : -0.2)).ToArray();

        Assert.Empty(Runs.Codes(Check(trend, [Runs.Run("rt-base-r0", raw, smoothed: trend)], "train"), WarningCodes.NoisyValidationCurve));
    }

    [Fact]
    public void The_noise_of_a_curve_that_never_fell_is_undefined()
    {
        var flat = Enumerable.Repeat(2.0, 10).ToArray();

        Assert.Null(CurveDiagnostics.NoiseShare(Runs.Run("r", flat).Points));
    }
}
