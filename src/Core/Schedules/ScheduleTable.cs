namespace LrCluster.Core.Schedules;

/// <summary>Tabulates a schedule for printing and plotting.</summary>
public static class ScheduleTable
{
    /// <summary>The values at steps 0 to <paramref name="steps"/> - 1.</summary>
    public static IReadOnlyList<(long Step, ScheduleValue Value)> Sample(ILrSchedule s, long steps)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (steps < 0 || steps > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps must be in [0, {Array.MaxLength}].");
        }

        var rows = new (long Step, ScheduleValue Value)[steps];
        for (long step = 0; step < steps; step++)
        {
            rows[step] = (step, s.At(step));
        }

        return rows;
    }
}
