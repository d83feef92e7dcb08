namespace LrCluster.Plots;

internal sealed record BandSeries(
    string Name,
    double[] Xs,
    double[] Lower,
    double[] Upper,
    string Colour,
    int Order);
