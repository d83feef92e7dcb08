namespace LrCluster.Core.Sweeps;

public enum TrialStatus
{
    Pending,
    Running,
    /// <summary>Ran to the end of its ladder or epochs.</summary>
    Completed,
    /// <summary>Stopped by the divergence rule or a non-finite loss: a normal end for a range test.</summary>
    Diverged,
    Failed,
    Cancelled,
}
