namespace LrCluster.Grains.Contracts;

/// <summary>One recorded step of a trial.</summary>
[GenerateSerializer, Immutable, Alias("lrc.PointInfo")]
public sealed record PointInfo([property: Id(0)] long Step, [property: Id(1)] double Lr, [property: Id(2)] double Loss, [property: Id(3)] double Smoothed, [property: Id(4)] double? Momentum);
