using LrCluster.Core.RangeTest;

namespace LrCluster.Core.Tests.RangeTest;

public sealed class DivergenceDetectorTests
{
    [Fact]
    public void Stops_only_when_the_smoothed_loss_exceeds_four_times_the_best_so_far()
    {
        var detector = new DivergenceDetector();

        bool[] stops =
        [
            detector.Observe(1, 1),
            detector.Observe(0.5, 0.5),
            detector.Observe(2, 2),        // exactly 4 * 0.5: not above
            detector.Observe(2.01, 2.01),
        ];

        Assert.Equal([false, false, false, true], stops);
    }

    [Fact]
    public void Compares_against_the_smoothed_best_not_the_raw_losses()
    {
        var detector = new DivergenceDetector(factor: 5);
        detector.Observe(rawLoss: 0.1, smoothed: 1);

        bool stop = detector.Observe(rawLoss: 0.2, smoothed: 4.9);

        Assert.False(stop);
    }

    [Fact]
    public void First_step_never_stops_however_large_the_loss()
    {
        var detector = new DivergenceDetector();

        Assert.False(detector.Observe(1e6, 1e6));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Stops_on_a_non_finite_raw_loss(double raw)
    {
        var detector = new DivergenceDetector();
        detector.Observe(1, 1);

        Assert.True(detector.Observe(raw, 1));
    }

    [Fact]
    public void Reset_forgets_the_best_loss()
    {
        var detector = new DivergenceDetector();
        detector.Observe(0.5, 0.5);

        detector.Reset();
        bool afterReset = detector.Observe(3, 3);
        bool below = detector.Observe(10, 10);
        bool above = detector.Observe(12.5, 12.5);

        Assert.Equal([false, false, true], new[] { afterReset, below, above });
    }

    [Fact]
    public void Relative_to_first_compares_the_smoothed_loss_with_the_first_raw_loss()
    {
        var detector = DivergenceDetector.RelativeToFirst();

        bool first = detector.Observe(rawLoss: 1, smoothed: 1);
        bool atLimit = detector.Observe(rawLoss: 0.5, smoothed: 2);
        bool above = detector.Observe(rawLoss: 0.5, smoothed: 2.1);

        Assert.Equal([false, false, true], new[] { first, atLimit, above });
        Assert.Equal("first", detector.Rule);
    }

    [Fact]
    public void Relative_to_first_uses_the_raw_first_loss_even_when_the_smoothed_one_differs()
    {
        var detector = DivergenceDetector.RelativeToFirst(factor: 2);

        bool stop = detector.Observe(rawLoss: 1, smoothed: 3);

        Assert.True(stop);
    }

    [Fact]
    public void Relative_to_first_does_not_move_its_reference_when_the_loss_improves()
    {
        var detector = DivergenceDetector.RelativeToFirst(factor: 2);
        detector.Observe(1, 1);
        detector.Observe(0.1, 0.1);

        bool stop = detector.Observe(1.5, 1.5);

        Assert.False(stop);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Rejects_a_factor_below_one_or_not_finite(double factor)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DivergenceDetector(factor));
        Assert.Equal("factor", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => DivergenceDetector.RelativeToFirst(factor));
    }
}
