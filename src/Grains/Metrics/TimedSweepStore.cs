using System.Diagnostics;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Metrics;

/// <summary>
/// The store a silo uses, timed: every call records <c>lrc_store_operation_duration_seconds{operation}</c>, the operation
/// being the method name in snake_case (a fixed set). Failed calls are timed too.
/// </summary>
public sealed class TimedSweepStore(ISweepStore inner) : ISweepStore
{
    /// <summary>Every <c>operation</c> label this decorator records.</summary>
    public static readonly IReadOnlyList<string> Operations =
    [
        "get_sweep",
        "list_trials",
        "read_points",
        "read_points_of",
        "read_epochs",
        "read_evaluations",
        "migrate",
        "create_sweep",
        "list_sweeps",
        "set_sweep_state",
        "try_cancel_sweep",
        "save_decision",
        "save_results",
        "claim_sweep",
        "enqueue_trial",
        "enqueue_trials",
        "any_unfinished_trials",
        "claim_trials",
        "release_lease",
        "requeue_trials_of",
        "sweeps_coordinated_by",
        "running_trials_by_owner",
        "update_trial_progress",
        "write_points",
        "finish_trial",
        "write_epoch",
        "write_evaluation",
        "write_checkpoint",
        "read_checkpoint",
    ];

    public SweepRecord? GetSweep(string id) => Time("get_sweep", () => inner.GetSweep(id));

    public IReadOnlyList<TrialRecord> ListTrials(string sweepId) => Time("list_trials", () => inner.ListTrials(sweepId));

    public IReadOnlyList<LossPoint> ReadPoints(string sweepId, string trialId) => Time("read_points", () => inner.ReadPoints(sweepId, trialId));

    public IReadOnlyList<EpochPoint> ReadEpochs(string sweepId, string trialId) => Time("read_epochs", () => inner.ReadEpochs(sweepId, trialId));

    public IReadOnlyList<EvaluationPoint> ReadEvaluations(string sweepId, string trialId) => Time("read_evaluations", () => inner.ReadEvaluations(sweepId, trialId));

    public IReadOnlyDictionary<string, IReadOnlyList<LossPoint>> ReadPointsOf(string sweepId, IReadOnlyCollection<string> trialIds) =>
        Time("read_points_of", () => inner.ReadPointsOf(sweepId, trialIds));

    public void Migrate() => Time("migrate", () => inner.Migrate());

    public void CreateSweep(SweepRecord sweep) => Time("create_sweep", () => inner.CreateSweep(sweep));

    public IReadOnlyList<SweepRecord> ListSweeps(int limit) => Time("list_sweeps", () => inner.ListSweeps(limit));

    public void SetSweepState(string id, SweepState state, string? error = null, SweepLease? fence = null) => Time("set_sweep_state", () => inner.SetSweepState(id, state, error, fence));

    public bool TryCancelSweep(string id) => Time("try_cancel_sweep", () => inner.TryCancelSweep(id));

    public void SaveDecision(string id, string decisionJson, SweepLease? fence = null) => Time("save_decision", () => inner.SaveDecision(id, decisionJson, fence));

    public void SaveResults(string id, string resultsJson, SweepLease? fence = null) => Time("save_results", () => inner.SaveResults(id, resultsJson, fence));

    public SweepLease? ClaimSweep(string sweepId, SiloRef owner) => Time("claim_sweep", () => inner.ClaimSweep(sweepId, owner));

    public void EnqueueTrial(TrialRecord trial) => Time("enqueue_trial", () => inner.EnqueueTrial(trial));

    public void EnqueueTrials(IReadOnlyList<TrialRecord> trials) => Time("enqueue_trials", () => inner.EnqueueTrials(trials));

    public bool AnyUnfinishedTrials(string sweepId, TrialPhase phase) => Time("any_unfinished_trials", () => inner.AnyUnfinishedTrials(sweepId, phase));

    public IReadOnlyList<TrialLease> ClaimTrials(SiloRef owner, int max) => Time("claim_trials", () => inner.ClaimTrials(owner, max));

    public void ReleaseLease(TrialRef trial) => Time("release_lease", () => inner.ReleaseLease(trial));

    public int RequeueTrialsOf(IReadOnlyCollection<string> ownerAddresses) => Time("requeue_trials_of", () => inner.RequeueTrialsOf(ownerAddresses));

    public IReadOnlyList<string> SweepsCoordinatedBy(IReadOnlyCollection<string> ownerAddresses) => Time("sweeps_coordinated_by", () => inner.SweepsCoordinatedBy(ownerAddresses));

    public IReadOnlyDictionary<string, int> RunningTrialsByOwner() => Time("running_trials_by_owner", () => inner.RunningTrialsByOwner());

    public void UpdateTrialProgress(TrialRef trial, TrialStatus status, long step, double lr, double smoothed, string? error = null) => Time("update_trial_progress", () => inner.UpdateTrialProgress(trial, status, step, lr, smoothed, error));

    public void WritePoints(TrialRef trial, IReadOnlyList<LossPoint> points) => Time("write_points", () => inner.WritePoints(trial, points));

    public void FinishTrial(TrialRef trial, IReadOnlyList<LossPoint> points, TrialStatus status, long step, double lr, double smoothed, string? error = null) =>
        Time("finish_trial", () => inner.FinishTrial(trial, points, status, step, lr, smoothed, error));

    public void WriteEpoch(TrialRef trial, EpochPoint epoch) => Time("write_epoch", () => inner.WriteEpoch(trial, epoch));

    public void WriteEvaluation(TrialRef trial, EvaluationPoint evaluation) => Time("write_evaluation", () => inner.WriteEvaluation(trial, evaluation));

    public void WriteCheckpoint(TrialRef trial, IReadOnlyList<LossPoint> points, TrialCheckpoint checkpoint) => Time("write_checkpoint", () => inner.WriteCheckpoint(trial, points, checkpoint));

    public TrialCheckpoint? ReadCheckpoint(string sweepId, string trialId) => Time("read_checkpoint", () => inner.ReadCheckpoint(sweepId, trialId));

    public void Dispose() => inner.Dispose();

    // Failed calls are timed too: a store that is slow to fail is what an operator needs to see.
    private static T Time<T>(string operation, Func<T> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return call();
        }
        finally
        {
            Record(operation, started);
        }
    }

    private static void Time(string operation, Action call) => Time(operation, () =>
    {
        call();
        return 0;
    });

    private static void Record(string operation, long started) =>
        LrcMetrics.StoreOperationDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("operation", operation));
}
