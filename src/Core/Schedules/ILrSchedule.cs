namespace LrCluster.Core.Schedules;

/// <summary>A learning-rate schedule indexed by optimizer step, counted from 0.</summary>
public interface ILrSchedule
{
    /// <summary>The policy name used in specs, results and plots, e.g. "triangular" or "one_cycle".</summary>
    string Policy { get; }

    /// <summary>The value to use for the optimizer step <paramref name="step"/> (0-based).</summary>
    ScheduleValue At(long step);
}
