using LrCluster.Core.RangeTest;

namespace LrCluster.Core.Tests.RangeTest;

public sealed class CurveAveragerTests
{
    [Fact]
    public void Shifted_curves_share_a_grid_over_the_union_and_count_only_where_they_overlap()
    {
        var a = new Curve([1e-3, 1e-2, 1e-1], [3, 2, 1]);
        var b = new Curve([1e-2, 1e-1, 1], [4, 2, 0]);

        AveragedCurve avg = CurveAverager.Average([a, b], points: 4);

        Assert.Equal(1e-3, avg.Lrs[0]);
        Assert.Equal(1.0, avg.Lrs[3]);
        Assert.Equal(1e-2, avg.Lrs[1], 1e-15);
        Assert.Equal([1, 2, 2, 1], avg.Count);
        double[] expectedMean = [3, 3, 1.5, 0];
        double[] expectedStd = [0, Math.Sqrt(2), Math.Sqrt(0.5), 0];
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(expectedMean[k], avg.Mean[k], 9);
            Assert.Equal(expectedStd[k], avg.Std[k], 9);
        }
    }

    [Fact]
    public void A_curve_that_diverged_early_stops_counting_at_its_last_finite_loss()
    {
        var full = new Curve([1, 2, 4, 8, 16], [5, 4, 3, 2, 1]);
        var diverged = new Curve([1, 2, 4, 8, 16], [6, 5, 4, double.NaN, double.PositiveInfinity]);

        AveragedCurve avg = CurveAverager.Average([full, diverged]);

        Assert.Equal(5, avg.Lrs.Count);
        Assert.Equal([2, 2, 2, 1, 1], avg.Count);
        double[] expectedMean = [5.5, 4.5, 3.5, 2, 1];
        for (int k = 0; k < 5; k++)
        {
            Assert.Equal(expectedMean[k], avg.Mean[k], 9);
        }
    }

    [Fact]
    public void Default_points_is_the_longest_curve_length()
    {
        var shortCurve = new Curve([1, 10, 100], [1, 1, 1]);
        var longCurve = new Curve([1, 2, 3, 4, 5, 6, 7], [1, 1, 1, 1, 1, 1, 1]);

        AveragedCurve avg = CurveAverager.Average([shortCurve, longCurve]);

        Assert.Equal(7, avg.Lrs.Count);
        Assert.Equal(100.0, avg.Lrs[^1]);
    }

    [Fact]
    public void Interpolates_linearly_in_log_lr()
    {
        var curve = new Curve([1, 100], [0, 2]);

        AveragedCurve avg = CurveAverager.Average([curve], points: 3);

        // At lr 10, halfway in log: 1 (linear in lr would give about 0.18).
        Assert.Equal(10.0, avg.Lrs[1], 1e-12);
        Assert.Equal(1.0, avg.Mean[1], 12);
        Assert.Equal(0.0, avg.Std[1]);
    }

    [Fact]
    public void Nan_inside_a_curve_is_bridged_by_its_neighbours()
    {
        var curve = new Curve([1, 10, 100], [0, double.NaN, 2]);

        AveragedCurve avg = CurveAverager.Average([curve]);

        Assert.Equal(1.0, avg.Mean[1], 12);
        Assert.Equal(1, avg.Count[1]);
    }

    [Fact]
    public void A_gap_between_curves_has_no_count_and_a_nan_mean()
    {
        var low = new Curve([1, 2], [1, 1]);
        var high = new Curve([8, 16], [3, 3]);

        AveragedCurve avg = CurveAverager.Average([low, high], points: 5);

        Assert.Equal([1, 1, 0, 1, 1], avg.Count);
        Assert.True(double.IsNaN(avg.Mean[2]));
        Assert.True(double.IsNaN(avg.Std[2]));
        Assert.Equal(3.0, avg.Mean[4]);
    }

    [Fact]
    public void Curves_with_no_finite_loss_give_an_empty_average()
    {
        AveragedCurve avg = CurveAverager.Average([new Curve([1, 2], [double.NaN, double.NaN])]);

        Assert.Empty(avg.Lrs);
        Assert.Empty(avg.Count);
    }

    [Fact]
    public void Rejects_curves_whose_lrs_are_not_ascending_and_positive()
    {
        var descending = new Curve([1, 0.5], [1, 1]);
        var repeated = new Curve([1, 1], [1, 1]);
        var zero = new Curve([0, 1], [1, 1]);
        var mismatched = new Curve([1, 2], [1]);

        Assert.Throws<ArgumentException>(() => CurveAverager.Average([descending]));
        Assert.Throws<ArgumentException>(() => CurveAverager.Average([repeated]));
        Assert.Throws<ArgumentException>(() => CurveAverager.Average([zero]));
        var error = Assert.Throws<ArgumentException>(() => CurveAverager.Average([mismatched]));
        Assert.Equal("curves", error.ParamName);
    }

    [Fact]
    public void Rejects_no_curves_and_a_single_point_grid()
    {
        var curve = new Curve([1, 2], [1, 1]);

        Assert.Throws<ArgumentException>(() => CurveAverager.Average([]));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CurveAverager.Average([curve], points: 1));
        Assert.Equal("points", error.ParamName);
    }
}
