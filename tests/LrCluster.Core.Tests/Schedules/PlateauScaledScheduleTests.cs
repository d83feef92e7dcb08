using LrCluster.Core.Schedules;

namespace LrCluster.Core.Tests.Schedules;

public sealed class PlateauScaledScheduleTests
{
    // Triangle from 1.0 to 2.0 and back over 4 steps; powers of two keep the hand values exact.
    private static readonly CyclicOptions Cycle = new(1.0, 2.0, 2);

    [Fact]
    public void Bounds_shrink_after_patience_is_exceeded_and_a_cooldown_follows_the_base_reduction()
    {
        var schedule = new PlateauScaledSchedule(Cycle, new PlateauOptions(Patience: 1, Factor: 0.5, Cooldown: 1));

        // Worked by hand from the KerasMisc rule:
        //   loss  best-before  counter  action
        //   1.00  (itself)     0        -
        //   0.90  1.00         0        -
        //   0.95  0.90         1        1 > 1? no
        //   0.96  0.90         2        reduce: base 0.5, max 1.0, cooldown 1
        //   0.97  0.90         3        cooling down: cooldown 0
        //   0.98  0.90         4        reduce: base 0.25, max 0.5, cooldown 1
        //   0.50  0.90         0        cooling down: cooldown 0
        PlateauState[] expected =
        [
            new(1.0, 2.0, 1.0, 0, 0, 1),
            new(1.0, 2.0, 0.9, 0, 0, 2),
            new(1.0, 2.0, 0.9, 1, 0, 3),
            new(0.5, 1.0, 0.9, 2, 1, 4),
            new(0.5, 1.0, 0.9, 3, 0, 5),
            new(0.25, 0.5, 0.9, 4, 1, 6),
            new(0.25, 0.5, 0.5, 0, 0, 7),
        ];
        double[] losses = [1.0, 0.9, 0.95, 0.96, 0.97, 0.98, 0.5];

        for (int epoch = 0; epoch < losses.Length; epoch++)
        {
            schedule.OnEpochEnd(losses[epoch]);
            Assert.Equal(expected[epoch], schedule.State);
        }
    }

    [Fact]
    public void The_cycle_position_is_kept_and_only_the_bounds_move()
    {
        var schedule = new PlateauScaledSchedule(Cycle, new PlateauOptions(Patience: 0, Factor: 0.5));
        Assert.Equal(1.5, schedule.At(5).Lr);

        schedule.OnEpochEnd(1.0);
        schedule.OnEpochEnd(2.0);

        Assert.Equal(new PlateauState(0.5, 1.0, 1.0, 1, 2, 2), schedule.State);
        Assert.Equal(0.5, schedule.At(4).Lr);
        Assert.Equal(0.75, schedule.At(5).Lr);
        Assert.Equal(1.0, schedule.At(6).Lr);
    }

    [Fact]
    public void Without_decreasing_the_base_only_the_top_shrinks_there_is_no_cooldown_and_it_stops_at_the_base()
    {
        var schedule = new PlateauScaledSchedule(
            Cycle, new PlateauOptions(Patience: 0, Factor: 0.9, DecreaseBaseLr: false, Cooldown: 5));

        schedule.OnEpochEnd(1.0);
        var tops = new List<double>();
        for (int epoch = 0; epoch < 10; epoch++)
        {
            schedule.OnEpochEnd(2.0 + epoch);
            tops.Add(schedule.State.MaxLr);
        }

        double t1 = 0.9 * 2.0, t2 = 0.9 * t1, t3 = 0.9 * t2, t4 = 0.9 * t3, t5 = 0.9 * t4, t6 = 0.9 * t5;
        Assert.Equal([t1, t2, t3, t4, t5, t6, t6, t6, t6, t6], tops);
        Assert.True(t6 >= 1.0 && 0.9 * t6 < 1.0);
        Assert.Equal(1.0, schedule.State.BaseLr);
        Assert.Equal(0, schedule.State.CooldownLeft);
    }

    [Fact]
    public void With_the_default_infinite_patience_the_bounds_never_move()
    {
        var schedule = new PlateauScaledSchedule(Cycle, new PlateauOptions());

        for (int epoch = 0; epoch < 50; epoch++)
        {
            schedule.OnEpochEnd(epoch);
        }

        Assert.Equal(new PlateauState(1.0, 2.0, 0.0, 49, 0, 50), schedule.State);
        Assert.Equal(2.0, schedule.At(2).Lr);
    }

    [Fact]
    public void A_nan_loss_counts_as_no_improvement_and_never_becomes_the_best()
    {
        var schedule = new PlateauScaledSchedule(Cycle, new PlateauOptions(Patience: 1, Factor: 0.5, Cooldown: 0));

        schedule.OnEpochEnd(1.0);
        schedule.OnEpochEnd(double.NaN);
        schedule.OnEpochEnd(double.NaN);

        Assert.Equal(new PlateauState(0.5, 1.0, 1.0, 2, 0, 3), schedule.State);
    }

    [Fact]
    public void Restoring_a_checkpointed_state_continues_exactly_like_the_original()
    {
        var options = new PlateauOptions(Patience: 1, Factor: 0.7, Cooldown: 2);
        var original = new PlateauScaledSchedule(Cycle with { Mode = CyclicMode.Triangular2, CycleMomentum = true }, options);
        double[] losses = [3, 2, 2.5, 2.6, 2.7, 2.8, 2.9, 1.5, 1.6, 1.7, 1.8, 1.9];
        foreach (double loss in losses[..5])
        {
            original.OnEpochEnd(loss);
        }

        var resumed = new PlateauScaledSchedule(original.Cyclic, options);
        resumed.Restore(original.State);
        foreach (double loss in losses[5..])
        {
            original.OnEpochEnd(loss);
            resumed.OnEpochEnd(loss);
            Assert.Equal(original.State, resumed.State);
        }

        Assert.NotEqual(1.0, resumed.State.BaseLr);
        Assert.Equal(ScheduleTable.Sample(original, 40), ScheduleTable.Sample(resumed, 40));
    }

    [Theory]
    [InlineData(-1.0, 2.0, 1.0, 0, 0, 0, "BaseLr")]
    [InlineData(1.0, 0.5, 1.0, 0, 0, 0, "MaxLr")]
    [InlineData(1.0, 2.0, double.NaN, 0, 0, 0, "Best")]
    [InlineData(1.0, 2.0, 1.0, -1, 0, 0, "Counter")]
    [InlineData(1.0, 2.0, 1.0, 0, -2, 0, "CooldownLeft")]
    public void Restore_rejects_an_inconsistent_state_and_keeps_the_current_one(
        double baseLr, double maxLr, double best, int counter, int cooldown, int epochs, string field)
    {
        var schedule = new PlateauScaledSchedule(Cycle, new PlateauOptions());

        var error = Assert.Throws<ArgumentException>(
            () => schedule.Restore(new PlateauState(baseLr, maxLr, best, counter, cooldown, epochs)));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.Equal(new PlateauState(1.0, 2.0, double.PositiveInfinity, 0, 0, 0), schedule.State);
    }

    [Theory]
    [InlineData(-1.0, 0.9, 2, "Patience")]
    [InlineData(double.NaN, 0.9, 2, "Patience")]
    [InlineData(3.0, 0.0, 2, "Factor")]
    [InlineData(3.0, 1.1, 2, "Factor")]
    [InlineData(3.0, 0.9, -1, "Cooldown")]
    public void Plateau_options_outside_their_range_are_rejected_by_name(double patience, double factor, int cooldown, string field)
    {
        var error = Assert.Throws<ArgumentException>(
            () => new PlateauScaledSchedule(Cycle, new PlateauOptions(patience, factor, true, cooldown)));

        Assert.Equal(field, error.ParamName);
        Assert.Contains($"PlateauOptions.{field} must", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Momentum_follows_the_cyclic_options_and_the_policy_is_plateau()
    {
        var schedule = new PlateauScaledSchedule(Cycle with { CycleMomentum = true }, new PlateauOptions());

        Assert.Equal(0.8, schedule.At(2).Momentum!.Value, 1e-15);
        Assert.Equal("plateau", schedule.Policy);
    }
}
