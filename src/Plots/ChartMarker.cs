namespace LrCluster.Plots;

internal sealed record ChartMarker(string Label, double X, double Y);
