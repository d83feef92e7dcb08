namespace LrCluster.Grains.Store;

/// <summary>A write was refused because a newer activation owns the trial; the old activation must stop at once.</summary>
public sealed class LeaseLostException(TrialRef trial)
    : Exception($"trial {trial.TrialId} of sweep {trial.SweepId}: lease epoch {trial.Epoch} is no longer current; another activation owns it");
