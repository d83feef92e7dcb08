using LrCluster.Core.Schedules;

namespace LrCluster.Core.Tests.Schedules;

public sealed class DecayingCyclicScheduleTests
{
    [Fact]
    public void The_top_decays_every_decay_frequency_cycles_and_never_drops_below_the_base()
    {
        // base 0.1, max 1.0, 2 steps per half cycle, top halves every 2 cycles:
        // tops by cycle 1.0, 1.0, 0.5, 0.5, 0.25, 0.25, 0.125, 0.125, then max(0.1, 0.0625) = 0.1.
        var schedule = new DecayingCyclicSchedule(0.1, 1.0, 2, 0.5, 2);
        double[] expected =
        [
            0.1, 0.55, 1.0, 0.55,
            0.1, 0.55, 1.0, 0.55,
            0.1, 0.3, 0.5, 0.3,
            0.1, 0.3, 0.5, 0.3,
            0.1, 0.175, 0.25, 0.175,
            0.1, 0.175, 0.25, 0.175,
            0.1, 0.1125, 0.125, 0.1125,
            0.1, 0.1125, 0.125, 0.1125,
            0.1, 0.1, 0.1, 0.1,
            0.1, 0.1, 0.1, 0.1,
        ];

        ReferenceAssert.AllClose("decaying lr", expected, i => schedule.At(i).Lr);
    }

    [Fact]
    public void Without_decay_it_is_the_plain_triangular_schedule()
    {
        var decaying = new DecayingCyclicSchedule(0.001, 0.006, 13, 1.0, 1);
        var triangular = new CyclicSchedule(new CyclicOptions(0.001, 0.006, 13));
        double[] expected = Enumerable.Range(0, 200).Select(i => triangular.At(i).Lr).ToArray();

        ReferenceAssert.AllClose("undecayed lr", expected, i => decaying.At(i).Lr);
    }

    [Fact]
    public void It_drives_no_momentum_and_is_named_decaying()
    {
        var schedule = new DecayingCyclicSchedule(0.1, 1.0, 2, 0.5, 1);

        Assert.Null(schedule.At(3).Momentum);
        Assert.Equal("decaying", schedule.Policy);
    }

    [Theory]
    [InlineData(-0.1, 1.0, 2, 0.5, 1, "baseLr")]
    [InlineData(0.1, 0.05, 2, 0.5, 1, "maxLr")]
    [InlineData(0.1, 1.0, 0, 0.5, 1, "stepSize")]
    [InlineData(0.1, 1.0, 2, 0.0, 1, "decay")]
    [InlineData(0.1, 1.0, 2, 1.5, 1, "decay")]
    [InlineData(0.1, 1.0, 2, 0.5, 0, "decayFrequency")]
    public void Arguments_outside_their_range_are_rejected_by_name(
        double baseLr, double maxLr, int stepSize, double decay, int frequency, string argument)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new DecayingCyclicSchedule(baseLr, maxLr, stepSize, decay, frequency));

        Assert.Equal(argument, error.ParamName);
        Assert.Contains(argument + " must", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_step_is_out_of_range()
    {
        var schedule = new DecayingCyclicSchedule(0.1, 1.0, 2, 0.5, 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.At(-3));
    }
}
