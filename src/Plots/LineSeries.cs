namespace LrCluster.Plots;

internal sealed record LineSeries(
    string Name,
    double[] Xs,
    double[] Ys,
    LineStyle Style,
    bool Secondary,
    string Colour,
    int Order);
