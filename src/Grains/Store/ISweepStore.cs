using LrCluster.Core.Sweeps;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Store;

/// <summary>
/// The durable state of sweeps and trials, and the queue of runnable trials. Loss points and evaluations are keyed by
/// (sweep, trial, step) and epoch points by (sweep, trial, epoch), so a replayed step after a resume overwrites instead of
/// duplicating. Every trial write is fenced: it names the epoch of the claim it runs under and throws
/// <see cref="LeaseLostException"/> (writing nothing) when the trial's current epoch differs.
/// </summary>
public interface ISweepStore : ISweepReader, IDisposable
{
    /// <summary>Creates the tables, or migrates an older schema forward.</summary>
    void Migrate();

    void CreateSweep(SweepRecord sweep);

    IReadOnlyList<SweepRecord> ListSweeps(int limit);

    /// <summary>
    /// Moves a sweep to <paramref name="state"/>. With a <paramref name="fence"/> (the coordinator's claim) the write is
    /// refused with <see cref="LeaseLostException"/> when a newer coordinator activation took the sweep, and a cancelled
    /// sweep stays cancelled; without one it is an operator's write.
    /// </summary>
    void SetSweepState(string id, SweepState state, string? error = null, SweepLease? fence = null);

    /// <summary>Cancels a sweep unless it is already final, atomically; false when it had completed, failed or been cancelled.</summary>
    bool TryCancelSweep(string id);

    void SaveDecision(string id, string decisionJson, SweepLease? fence = null);

    void SaveResults(string id, string resultsJson, SweepLease? fence = null);

    /// <summary>
    /// Takes a sweep's coordinator for a new activation on <paramref name="owner"/>: raises its epoch (an older
    /// activation's later writes are refused) and records the owner. Null when the sweep is final or unknown.
    /// </summary>
    SweepLease? ClaimSweep(string sweepId, SiloRef owner);

    /// <summary>Inserts a trial as pending (epoch 0, no owner); an existing row is left as it is, so a resumed coordinator can re-enqueue safely.</summary>
    void EnqueueTrial(TrialRecord trial);

    /// <summary>Enqueues a whole phase in one transaction: what a coordinator does; same semantics as <see cref="EnqueueTrial"/>.</summary>
    void EnqueueTrials(IReadOnlyList<TrialRecord> trials);

    /// <summary>Whether any of a sweep's trials of <paramref name="phase"/> is not final yet (stops at the first).</summary>
    bool AnyUnfinishedTrials(string sweepId, TrialPhase phase);

    /// <summary>
    /// Claims up to <paramref name="max"/> pending trials of <paramref name="owner"/>'s cluster, oldest sweep first; each
    /// claim raises the trial's epoch by one, marks it running and records the owner. Two claimers never get the same
    /// trial; trials of final sweeps are never claimed.
    /// </summary>
    IReadOnlyList<TrialLease> ClaimTrials(SiloRef owner, int max);

    /// <summary>Hands a running trial back to the queue (graceful shutdown, or a start that could not happen here), if the claim is still current.</summary>
    void ReleaseLease(TrialRef trial);

    /// <summary>
    /// Puts the running trials of silos that are dead back in the queue (pending, no owner, epoch kept so the next claim
    /// fences off anything the dead ones still send); returns how many.
    /// </summary>
    int RequeueTrialsOf(IReadOnlyCollection<string> ownerAddresses);

    /// <summary>The unfinished sweeps whose coordinator ran on one of these (dead) silos.</summary>
    IReadOnlyList<string> SweepsCoordinatedBy(IReadOnlyCollection<string> ownerAddresses);

    /// <summary>Running trials per owner address: the busy slots of every silo.</summary>
    IReadOnlyDictionary<string, int> RunningTrialsByOwner();

    void UpdateTrialProgress(TrialRef trial, TrialStatus status, long step, double lr, double smoothed, string? error = null);

    void WritePoints(TrialRef trial, IReadOnlyList<LossPoint> points);

    /// <summary>Ends an activation: writes its last <paramref name="points"/> and its final status in one fenced transaction.</summary>
    void FinishTrial(TrialRef trial, IReadOnlyList<LossPoint> points, TrialStatus status, long step, double lr, double smoothed, string? error = null);

    /// <summary>
    /// The loss points of several trials of a sweep, by trial id, in one read: the coordinator's decision reads a whole
    /// phase, and a round trip per trial was a serial tail of the phase. Trials with no points map to an empty list.
    /// </summary>
    IReadOnlyDictionary<string, IReadOnlyList<LossPoint>> ReadPointsOf(string sweepId, IReadOnlyCollection<string> trialIds);

    void WriteEpoch(TrialRef trial, EpochPoint epoch);

    /// <summary>Upserts one evaluation, keyed by (sweep, trial, step) like the loss points, so a replayed one overwrites.</summary>
    void WriteEvaluation(TrialRef trial, EvaluationPoint evaluation);

    /// <summary>Writes the points and the checkpoint in one transaction: a checkpoint never runs ahead of its points.</summary>
    void WriteCheckpoint(TrialRef trial, IReadOnlyList<LossPoint> points, TrialCheckpoint checkpoint);

    TrialCheckpoint? ReadCheckpoint(string sweepId, string trialId);
}
