using ScottPlot;

namespace LrCluster.Plots;

/// <summary>A built ScottPlot plot, its plot area in pixels, its axis limits and where each marker label went.</summary>
internal sealed record StaticLayout(Plot Plot, PixelRect Data, IReadOnlyList<PlacedLabel> Labels, (double XMin, double XMax, double YMin, double YMax) Limits);
