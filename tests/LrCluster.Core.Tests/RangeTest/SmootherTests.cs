using LrCluster.Core.RangeTest;

namespace LrCluster.Core.Tests.RangeTest;

public sealed class SmootherTests
{
    [Fact]
    public void Bias_corrected_ema_matches_hand_computed_values()
    {
        var smoother = new BiasCorrectedEma(beta: 0.5);

        double[] smoothed = smoother.SmoothAll([4, 2, 1]);

        // avg: 2, 2, 1.5; divided by 1 - 0.5^t: 0.5, 0.75, 0.875.
        Assert.Equal(4.0, smoothed[0], 12);
        Assert.Equal(8.0 / 3, smoothed[1], 12);
        Assert.Equal(12.0 / 7, smoothed[2], 12);
        Assert.Equal("bias-corrected-ema", smoother.Kind);
    }

    [Fact]
    public void Bias_corrected_ema_starts_at_the_first_loss_with_the_default_beta()
    {
        var smoother = new BiasCorrectedEma();

        double first = smoother.Next(2.5);
        double second = smoother.Next(0.5);

        Assert.Equal(2.5, first, 12);
        // avg = 0.98*0.05 + 0.02*0.5 = 0.059; / (1 - 0.98^2) = 0.0396.
        Assert.Equal(0.059 / 0.0396, second, 12);
    }

    [Fact]
    public void Ema_starts_at_the_first_loss_and_weighs_new_losses_by_the_factor()
    {
        var smoother = new Ema(factor: 0.5);

        double[] smoothed = smoother.SmoothAll([4, 2, 1]);

        Assert.Equal([4.0, 3.0, 2.0], smoothed);
        Assert.Equal("ema", smoother.Kind);
    }

    [Fact]
    public void Ema_default_factor_moves_five_percent_towards_the_new_loss()
    {
        var smoother = new Ema();

        double[] smoothed = smoother.SmoothAll([1, 3]);

        Assert.Equal(1.1, smoothed[1], 12);
    }

    [Fact]
    public void Keras_finder_ema_weighs_the_history_by_alpha()
    {
        var smoother = new KerasFinderEma();

        double[] smoothed = smoother.SmoothAll([10, 0, 20]);

        // s1 = 0.3*10 + 0.7*0 = 3; s2 = 0.3*3 + 0.7*20 = 14.9.
        Assert.Equal(10.0, smoothed[0]);
        Assert.Equal(3.0, smoothed[1], 12);
        Assert.Equal(14.9, smoothed[2], 12);
        Assert.Equal("keras-ema", smoother.Kind);
    }

    [Fact]
    public void No_smoothing_passes_losses_through()
    {
        var smoother = new NoSmoothing();

        double[] smoothed = smoother.SmoothAll([3, double.NaN, 1]);

        Assert.Equal(3.0, smoothed[0]);
        Assert.True(double.IsNaN(smoothed[1]));
        Assert.Equal(1.0, smoothed[2]);
        Assert.Equal("none", smoother.Kind);
    }

    [Fact]
    public void Smooth_all_replays_from_scratch_and_leaves_the_state_ready_to_resume()
    {
        var smoother = new Ema(factor: 0.5);
        smoother.Next(100);

        double[] replayed = smoother.SmoothAll([4, 2, 1]);
        double resumed = smoother.Next(2);

        Assert.Equal([4.0, 3.0, 2.0], replayed);
        Assert.Equal(2.0, resumed);
    }

    [Fact]
    public void Replaying_raw_losses_gives_the_same_smoothed_values_as_a_live_run()
    {
        double[] raw = [2.3, 2.1, 1.7, 1.2, 0.9, 1.5, 4.0];
        var live = new BiasCorrectedEma();
        double[] liveValues = raw.Select(live.Next).ToArray();

        double[] replayed = new BiasCorrectedEma().SmoothAll(raw);

        Assert.Equal(liveValues, replayed);
    }

    [Fact]
    public void Reset_forgets_the_history()
    {
        var smoother = new KerasFinderEma();
        smoother.Next(10);
        smoother.Next(20);

        smoother.Reset();
        double first = smoother.Next(7);

        Assert.Equal(7.0, first);
    }

    [Fact]
    public void Smoothers_reject_parameters_outside_their_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BiasCorrectedEma(1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BiasCorrectedEma(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ema(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ema(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KerasFinderEma(1.0));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Ema(double.NaN));
        Assert.Equal("factor", error.ParamName);
    }
}
