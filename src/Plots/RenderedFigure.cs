namespace LrCluster.Plots;

/// <summary>A figure drawn by ScottPlot: the SVG document and the PNG bytes, same size and content.</summary>
public sealed record RenderedFigure(string Svg, byte[] Png);
