namespace LrCluster.Plots;

/// <summary>A tick position; minor ticks and thinned-out majors carry an empty label.</summary>
internal readonly record struct AxisTick(double Value, bool IsMajor, string Label);
