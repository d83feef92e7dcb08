using LrCluster.Core.RangeTest;

namespace LrCluster.Core.Tests.RangeTest;

public sealed class LadderTests
{
    [Fact]
    public void Exp_ladder_hits_both_ends_and_matches_python_bit_for_bit()
    {
        var ladder = new ExpLadder(1e-7, 10, 100);

        double[] picked = [ladder.LrAt(0), ladder.LrAt(1), ladder.LrAt(50), ladder.LrAt(99)];

        // Values printed by Python: 1e-7 * (10/1e-7) ** (i/99).
        Assert.Equal([1e-07, 1.2045035402587822e-07, 0.0010974987654930567, 10.0], picked);
        Assert.Equal(100, ladder.StepCount);
        Assert.Equal("exp", ladder.Mode);
    }

    [Fact]
    public void Exp_ladder_over_three_decades_keeps_the_python_rounding_of_interior_points()
    {
        var ladder = new ExpLadder(1e-3, 1, 4);

        double[] lrs = Enumerable.Range(0, 4).Select(ladder.LrAt).ToArray();

        Assert.Equal([0.001, 0.009999999999999998, 0.09999999999999998, 1.0], lrs);
    }

    [Fact]
    public void Linear_ladder_hits_both_ends_in_equal_steps()
    {
        var ladder = new LinearLadder(0.1, 1.0, 4);

        double[] lrs = Enumerable.Range(0, 4).Select(ladder.LrAt).ToArray();

        Assert.Equal([0.1, 0.4, 0.7, 1.0], lrs);
        Assert.Equal("linear", ladder.Mode);
    }

    [Fact]
    public void Fastai_exp_ladder_starts_at_start_and_never_reaches_end()
    {
        var ladder = new ExpFastaiLadder(1e-7, 10, 100);

        double[] picked = [ladder.LrAt(0), ladder.LrAt(1), ladder.LrAt(99)];

        // Python: 1e-7 * (10/1e-7) ** (i/100).
        Assert.Equal([1e-07, 1.202264434617413e-07, 8.317637711026709], picked);
        Assert.True(ladder.LrAt(99) < 10);
        Assert.Equal("exp-fastai", ladder.Mode);
    }

    [Fact]
    public void Fastai_exp_ladder_with_one_step_is_just_the_start()
    {
        var ladder = new ExpFastaiLadder(0.01, 1, 1);

        Assert.Equal(0.01, ladder.LrAt(0));
        Assert.Equal(1, ladder.StepCount);
    }

    [Fact]
    public void Multiplier_ladder_is_start_times_a_power_and_stops_at_the_cap()
    {
        var ladder = new MultiplierLadder(1e-9, 1.06, 500);

        double[] picked = [ladder.LrAt(0), ladder.LrAt(1), ladder.LrAt(100), ladder.LrAt(499)];

        // Python: 1e-9 * 1.06 ** i.
        Assert.Equal([1e-09, 1.06e-09, 3.3930208351448724e-07, 4242.54802456211], picked);
        Assert.Equal(500, ladder.StepCount);
        Assert.Equal("multiplier", ladder.Mode);
        Assert.Throws<ArgumentOutOfRangeException>(() => ladder.LrAt(500));
    }

    [Fact]
    public void Grid_ladder_lists_powers_below_stop()
    {
        var grid = new GridLadder(1e-6, 10, 1.2);

        // Python: [1e-6 * 1.2 ** k while < 10] has 89 levels.
        Assert.Equal(89, grid.Levels.Count);
        Assert.Equal(1e-06, grid.Levels[0]);
        Assert.Equal(1.2e-06, grid.Levels[1]);
        Assert.Equal(9.288586978426602, grid.Levels[^1]);
        Assert.Equal(1000, grid.SamplesPerLr);
    }

    [Fact]
    public void Grid_ladder_excludes_a_level_equal_to_stop()
    {
        var grid = new GridLadder(1, 8, 2, samplesPerLr: 64);

        Assert.Equal([1.0, 2.0, 4.0], grid.Levels);
        Assert.Equal(64, grid.SamplesPerLr);
    }

    [Theory]
    [InlineData(0.0, 1.0, 10)]
    [InlineData(-1.0, 1.0, 10)]
    [InlineData(double.NaN, 1.0, 10)]
    [InlineData(1.0, 1.0, 10)]
    [InlineData(1.0, 0.5, 10)]
    [InlineData(1e-3, double.PositiveInfinity, 10)]
    [InlineData(1e-3, 1.0, 1)]
    public void Inclusive_ladders_reject_bad_arguments(double start, double end, int steps)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExpLadder(start, end, steps));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearLadder(start, end, steps));
    }

    [Fact]
    public void Ladder_errors_name_the_argument_and_its_range()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ExpLadder(1e-3, 1, 1));

        Assert.Equal("steps", error.ParamName);
        Assert.Contains("at least 2", error.Message);
    }

    [Fact]
    public void Ladders_reject_steps_outside_the_ladder()
    {
        var ladder = new LinearLadder(0.1, 1.0, 4);

        Assert.Throws<ArgumentOutOfRangeException>(() => ladder.LrAt(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ladder.LrAt(4));
    }

    [Fact]
    public void Open_ladders_reject_a_multiplier_that_does_not_grow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiplierLadder(1e-3, 1.0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiplierLadder(1e-3, 2.0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridLadder(1e-3, 1, 0.9));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridLadder(1e-3, 1, 1.2, samplesPerLr: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExpFastaiLadder(1e-3, 1, 0));
    }

    [Fact]
    public void Grid_ladder_refuses_a_multiplier_that_would_make_millions_of_levels()
    {
        var error = Assert.Throws<ArgumentException>(() => new GridLadder(1e-6, 10, 1 + 1e-9));

        Assert.Equal("multiplier", error.ParamName);
    }
}
