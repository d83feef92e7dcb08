using LrCluster.Core.Spec;

namespace LrCluster.Core.Tests.Spec;

public sealed class ClrSpecTests
{
    private static ClrSpec With(int? steps, double? epochs) => new(4, steps, epochs, null, null, [new ClrConfigSpec("triangular", "triangular")]);

    [Fact]
    public void A_step_size_in_steps_ignores_the_batch_count()
    {
        var clr = With(steps: 100, epochs: null);

        Assert.Equal(100, clr.ResolveStepSize(7));
        Assert.Equal(100, clr.ResolveStepSize(10_000));
    }

    [Theory]
    [InlineData(2.0, 23, 46)]
    [InlineData(4.0, 28, 112)]
    [InlineData(0.5, 10, 5)]
    [InlineData(1.5, 3, 4)]
    [InlineData(0.3, 10, 3)]
    public void A_step_size_in_epochs_is_epochs_times_batches_per_epoch_rounded(double epochs, int batches, int expected)
    {
        var clr = With(steps: null, epochs: epochs);

        Assert.Equal(expected, clr.ResolveStepSize(batches));
    }

    [Fact]
    public void A_step_size_in_epochs_never_resolves_below_one_step()
    {
        var clr = With(steps: null, epochs: 0.01);

        Assert.Equal(1, clr.ResolveStepSize(10));
    }
}
