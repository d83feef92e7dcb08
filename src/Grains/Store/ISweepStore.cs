using LrCluster.Core.Sweeps;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Store;

/// <summary>
/// The durable state of sweeps, trials and silos. Loss points are keyed by (sweep, trial, step) and
/// epoch points by (sweep, trial, epoch), so a replayed step after a resume overwrites instead of
/// duplicating. Every trial write is fenced: it names the lease epoch of the activation making it and
/// throws <see cref="LeaseLostException"/> (writing nothing) when the trial's current epoch differs.
/// </summary>
public interface ISweepStore : ISweepReader, IDisposable
{
    /// <summary>Creates the tables, or migrates an older schema forward.</summary>
    void Migrate();

    void CreateSweep(SweepRecord sweep);

    IReadOnlyList<SweepRecord> ListSweeps(int limit);

    /// <summary>
    /// Moves a sweep to <paramref name="state"/>. With a <paramref name="fence"/> (the coordinator's lease) the write is
    /// refused with <see cref="LeaseLostException"/> when a newer coordinator owns the sweep, and a cancelled sweep stays
    /// cancelled; without one it is an operator's write (cancel).
    /// </summary>
    void SetSweepState(string id, SweepState state, string? error = null, SweepLease? fence = null);

    /// <summary>Cancels a sweep unless it is already final, atomically; false when it had completed, failed or been cancelled.</summary>
    bool TryCancelSweep(string id);

    void SaveDecision(string id, string decisionJson, SweepLease? fence = null);

    void SaveResults(string id, string resultsJson, SweepLease? fence = null);

    /// <summary>Claims coordinator grains: unfinished sweeps with no live owner (never claimed, lease expired, owner dead or left); raises their epoch.</summary>
    IReadOnlyList<SweepLease> ClaimSweeps(string silo, int max, DateTimeOffset now, TimeSpan leaseFor, TimeSpan deadAfter);

    /// <summary>Extends the coordinator's lease; false when lost or the sweep is finished.</summary>
    bool RenewSweepLease(SweepLease lease, string silo, DateTimeOffset now, TimeSpan leaseFor);

    /// <summary>Hands the coordinator back on graceful shutdown, so another silo takes it over at once.</summary>
    void ReleaseSweepLease(SweepLease lease);

    /// <summary>Inserts a trial as pending (epoch 0, no owner); an existing row is left as it is, so a resumed coordinator can re-enqueue safely.</summary>
    void EnqueueTrial(TrialRecord trial);

    /// <summary>Enqueues a whole phase in one transaction (and one wake-up): what a coordinator does; same semantics as <see cref="EnqueueTrial"/>.</summary>
    void EnqueueTrials(IReadOnlyList<TrialRecord> trials);

    /// <summary>
    /// Whether any of a sweep's trials of <paramref name="phase"/> is not final yet. Asked on every wake-up of a phase wait,
    /// so it stops at the first unfinished trial instead of counting them all.
    /// </summary>
    bool AnyUnfinishedTrials(string sweepId, TrialPhase phase);

    /// <summary>
    /// Claims up to <paramref name="max"/> runnable trials for <paramref name="silo"/>: pending ones, and
    /// running ones whose lease expired or whose owner missed its heartbeats for <paramref name="deadAfter"/>.
    /// Each claim raises the trial's epoch by one and marks it running. Trials of cancelled sweeps are never claimed.
    /// </summary>
    IReadOnlyList<TrialLease> ClaimTrials(string silo, int max, DateTimeOffset now, TimeSpan leaseFor, TimeSpan deadAfter);

    /// <summary>Extends the lease; false when it was lost (a newer epoch, or the sweep was cancelled).</summary>
    bool RenewLease(TrialRef trial, string silo, DateTimeOffset now, TimeSpan leaseFor);

    /// <summary>Hands a trial back (graceful shutdown): pending again, no owner, if the lease is still current.</summary>
    void ReleaseLease(TrialRef trial);

    void UpdateTrialProgress(TrialRef trial, TrialStatus status, long step, double lr, double smoothed, string? error = null);

    void WritePoints(TrialRef trial, IReadOnlyList<LossPoint> points);

    /// <summary>
    /// Ends an activation: writes its last <paramref name="points"/> and its final status in one fenced transaction
    /// (so the status never lands without the points before it) and wakes the coordinator waiting on the phase.
    /// </summary>
    void FinishTrial(TrialRef trial, IReadOnlyList<LossPoint> points, TrialStatus status, long step, double lr, double smoothed, string? error = null);

    void WriteEpoch(TrialRef trial, EpochPoint epoch);

    /// <summary>Writes the points and the checkpoint in one transaction: a checkpoint never runs ahead of its points.</summary>
    void WriteCheckpoint(TrialRef trial, IReadOnlyList<LossPoint> points, TrialCheckpoint checkpoint);

    TrialCheckpoint? ReadCheckpoint(string sweepId, string trialId);

    /// <summary>
    /// A task that completes at the next wake-up of <paramref name="kind"/>. Take it before looking at the store and
    /// wait on it (with a poll timeout, <see cref="WakeupSignal.WaitAsync"/>) after, so a wake-up that lands while
    /// looking is not lost. PostgreSQL pushes wake-ups from every silo with LISTEN/NOTIFY; SQLite only hears this
    /// store object's own writes. A hint either way: the poll still finds everything.
    /// </summary>
    Task NextWakeup(Wakeup kind);

    /// <summary>Registers the silo or refreshes its row and heartbeat.</summary>
    void Heartbeat(SiloInfo silo);

    IReadOnlyList<SiloInfo> ListSilos();

    void LeaveSilo(string name, DateTimeOffset now);
}
