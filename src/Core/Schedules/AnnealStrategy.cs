namespace LrCluster.Core.Schedules;

/// <summary>How a 1cycle phase moves from its start value to its end value.</summary>
public enum AnnealStrategy
{
    /// <summary>Half a cosine wave.</summary>
    Cos,

    /// <summary>A straight line.</summary>
    Linear,
}
