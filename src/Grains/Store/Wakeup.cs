namespace LrCluster.Grains.Store;

/// <summary>
/// What a wake-up says may have changed, so each waiter is woken only by what it acts on: a finished trial frees a
/// slot on its own silo only (that silo wakes itself) and matters to no claim loop, so it must not make every silo
/// and every coordinator loop of the cluster ask the store again.
/// </summary>
public enum Wakeup
{
    /// <summary>Claimable work may be there: a sweep created, trials enqueued, a trial or a coordinator handed back, a sweep cancelled.</summary>
    Work,

    /// <summary>A trial or a sweep reached a final state (or a sweep was cancelled): what a coordinator's phase wait and a sweep's watcher wait for.</summary>
    Progress,
}
