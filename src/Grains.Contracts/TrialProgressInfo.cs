namespace LrCluster.Grains.Contracts;

/// <summary>A running trial's latest step: steps done, LR and smoothed loss.</summary>
[GenerateSerializer, Immutable, Alias("lrc.TrialProgressInfo")]
public sealed record TrialProgressInfo([property: Id(0)] long Step, [property: Id(1)] double Lr, [property: Id(2)] double Smoothed);
