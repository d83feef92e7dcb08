namespace LrCluster.Plots;

internal readonly record struct PixelPoint(double X, double Y);
