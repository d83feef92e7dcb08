using ScottPlot;

namespace LrCluster.Plots;

/// <summary>A marker label as drawn: its text, its row and its box in pixels.</summary>
internal sealed record PlacedLabel(string Text, LabelBox Box, PixelRect Rect);
