namespace LrCluster.Grains.Store;

/// <summary>
/// A trial as one activation sees it: the lease epoch it was granted. Every write an activation makes
/// carries it, and the store refuses the write once a newer epoch exists (fencing).
/// </summary>
public readonly record struct TrialRef(string SweepId, string TrialId, long Epoch)
{
    /// <summary>
    /// True for the trial's first claim. A trial is enqueued at epoch 0, every claim raises the epoch by one
    /// (a hand-back keeps it), and every write needs the current epoch: so nothing (points, epochs, checkpoint)
    /// can have been written for the trial before epoch 1, and its activation need not look.
    /// </summary>
    public bool IsFirstActivation => Epoch == 1;
}
