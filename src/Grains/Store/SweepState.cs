namespace LrCluster.Grains.Store;

/// <summary>The lifecycle of a sweep, as the gateway reports it.</summary>
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
