namespace LrCluster.Plots;

/// <summary>A dashed horizontal line at a y value (the fixed-LR baseline's best validation metric).</summary>
public sealed record FigureLevel(string Label, double Y, int Color);
