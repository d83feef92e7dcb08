namespace LrCluster.Grains.Store;

/// <summary>A write was refused because a newer activation owns the grain; the old activation must stop at once.</summary>
public sealed class LeaseLostException : Exception
{
    public LeaseLostException(TrialRef trial)
        : base($"trial {trial.TrialId} of sweep {trial.SweepId}: lease epoch {trial.Epoch} is no longer current; another activation owns it")
    {
    }

    public LeaseLostException(SweepLease sweep)
        : base($"coordinator of sweep {sweep.SweepId}: lease epoch {sweep.Epoch} is no longer current; another silo coordinates it")
    {
    }
}
