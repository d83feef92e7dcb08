namespace LrCluster.Grains.Contracts;

/// <summary>
/// One trial (a range-test candidate repeat or a cyclical config), keyed <c>sweepId/trialId</c>. Only a slot that claimed
/// it from the store's queue starts it, on the slot's own silo.
/// </summary>
[Alias("lrc.ITrialGrain")]
public interface ITrialGrain : IGrainWithStringKey
{
    /// <summary>Starts training on the claiming slot and returns at once; false when this activation is not on that slot's silo.</summary>
    [Alias("Start")]
    Task<bool> Start(TrialClaim claim);

    /// <summary>Stops the training at its next step (a cancelled sweep): interleaves with everything else.</summary>
    [Alias("Stop"), AlwaysInterleave]
    Task Stop();

    /// <summary>The trial's live progress while it trains here; null when it does not run in this activation.</summary>
    [Alias("Progress"), AlwaysInterleave]
    Task<TrialProgressInfo?> Progress();
}
