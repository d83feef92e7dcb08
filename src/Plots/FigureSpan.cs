namespace LrCluster.Plots;

/// <summary>A shaded x range over the whole height (the LR section).</summary>
public sealed record FigureSpan(string Label, double From, double To);
