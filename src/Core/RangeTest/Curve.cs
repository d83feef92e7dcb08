namespace LrCluster.Core.RangeTest;

/// <summary>One range test's recorded curve: ascending learning rates and the loss at each.</summary>
public sealed record Curve(IReadOnlyList<double> Lrs, IReadOnlyList<double> Losses);
