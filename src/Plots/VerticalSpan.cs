namespace LrCluster.Plots;

internal sealed record VerticalSpan(string Label, double X0, double X1);
