namespace LrCluster.Plots;

/// <summary>A labelled point (a suggested LR on the mean curve). The static renderer places labels so that none overlap (<see cref="MarkerLabels"/>).</summary>
public sealed record FigureMarker(string Label, double X, double Y, int Color);
