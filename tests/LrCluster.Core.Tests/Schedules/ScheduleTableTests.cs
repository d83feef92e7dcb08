using LrCluster.Core.Schedules;

namespace LrCluster.Core.Tests.Schedules;

public sealed class ScheduleTableTests
{
    [Fact]
    public void Sample_lists_every_step_from_zero_with_the_schedule_value()
    {
        var schedule = new CyclicSchedule(new CyclicOptions(0.5, 1.5, 2, CycleMomentum: true));

        var rows = ScheduleTable.Sample(schedule, 5);

        Assert.Equal([0L, 1L, 2L, 3L, 4L], rows.Select(r => r.Step));
        Assert.All(rows, r => Assert.Equal(schedule.At(r.Step), r.Value));
        Assert.Equal(1.5, rows[2].Value.Lr);
    }

    [Fact]
    public void Sample_of_zero_steps_is_empty_and_of_negative_steps_is_refused()
    {
        var schedule = new DecayingCyclicSchedule(0.1, 1.0, 2, 0.5, 1);

        Assert.Empty(ScheduleTable.Sample(schedule, 0));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ScheduleTable.Sample(schedule, -1));
        Assert.Equal("steps", error.ParamName);
    }

    [Fact]
    public void Sample_covers_a_whole_one_cycle_schedule_and_no_more()
    {
        var schedule = new OneCycleSchedule(new OneCycleOptions(0.1, 50));

        Assert.Equal(50, ScheduleTable.Sample(schedule, 50).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => ScheduleTable.Sample(schedule, 51));
    }
}
