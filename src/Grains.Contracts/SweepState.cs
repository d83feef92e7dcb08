namespace LrCluster.Grains.Contracts;

/// <summary>The lifecycle of a sweep, as the gateway reports it.</summary>
[GenerateSerializer, Alias("lrc.SweepState")]
public enum SweepState
{
    Pending,
    RangeTest,
    Deciding,
    Clr,
    Completed,
    Failed,
    Cancelled,
}
