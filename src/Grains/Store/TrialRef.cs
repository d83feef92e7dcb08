namespace LrCluster.Grains.Store;

/// <summary>
/// A trial as one activation sees it: the lease epoch it was granted. Every write an activation makes
/// carries it, and the store refuses the write once a newer epoch exists (fencing).
/// </summary>
public readonly record struct TrialRef(string SweepId, string TrialId, long Epoch);
