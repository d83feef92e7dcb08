namespace LrCluster.Core.RangeTest;

/// <summary>Cyclical-learning-rate bounds chosen from a range test, and the rule that chose them.</summary>
public sealed record LrSection(double BaseLr, double MaxLr, string Rule);
