namespace LrCluster.Core.Schedules;

/// <summary>What a cyclical schedule's scale function is evaluated on.</summary>
public enum ScaleMode
{
    /// <summary>The 1-based cycle number.</summary>
    Cycle,

    /// <summary>The global optimizer step, from 0.</summary>
    Iterations,
}
