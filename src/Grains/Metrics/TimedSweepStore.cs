using System.Diagnostics;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Metrics;

/// <summary>
/// The store a silo uses, timed: every call records <c>lrc_store_operation_duration_seconds{operation}</c>, the operation
/// being the method name in snake_case (a fixed set). Failed calls are timed too. <see cref="ISweepStore.NextWakeup"/>
/// is a wait, not an operation, and is passed through untimed.
/// </summary>
public sealed class TimedSweepStore(ISweepStore inner) : ISweepStore
{
    /// <summary>Every <c>operation</c> label this decorator records.</summary>
    public static readonly IReadOnlyList<string> Operations =
    [
        "get_sweep",
        "list_trials",
        "read_points",
        "read_epochs",
        "migrate",
        "create_sweep",
        "list_sweeps",
        "set_sweep_state",
        "try_cancel_sweep",
        "save_decision",
        "save_results",
        "claim_sweeps",
        "renew_sweep_lease",
        "release_sweep_lease",
        "enqueue_trial",
        "enqueue_trials",
        "any_unfinished_trials",
        "claim_trials",
        "renew_lease",
        "release_lease",
        "update_trial_progress",
        "write_points",
        "finish_trial",
        "write_epoch",
        "write_checkpoint",
        "read_checkpoint",
        "heartbeat",
        "list_silos",
        "leave_silo",
    ];

    public SweepRecord? GetSweep(string id) => Time("get_sweep", () => inner.GetSweep(id));

    public IReadOnlyList<TrialRecord> ListTrials(string sweepId) => Time("list_trials", () => inner.ListTrials(sweepId));

    public IReadOnlyList<LossPoint> ReadPoints(string sweepId, string trialId) => Time("read_points", () => inner.ReadPoints(sweepId, trialId));

    public IReadOnlyList<EpochPoint> ReadEpochs(string sweepId, string trialId) => Time("read_epochs", () => inner.ReadEpochs(sweepId, trialId));

    public void Migrate() => Time("migrate", () => inner.Migrate());

    public void CreateSweep(SweepRecord sweep) => Time("create_sweep", () => inner.CreateSweep(sweep));

    public IReadOnlyList<SweepRecord> ListSweeps(int limit) => Time("list_sweeps", () => inner.ListSweeps(limit));

    public void SetSweepState(string id, SweepState state, string? error = null, SweepLease? fence = null) => Time("set_sweep_state", () => inner.SetSweepState(id, state, error, fence));

    public bool TryCancelSweep(string id) => Time("try_cancel_sweep", () => inner.TryCancelSweep(id));

    public void SaveDecision(string id, string decisionJson, SweepLease? fence = null) => Time("save_decision", () => inner.SaveDecision(id, decisionJson, fence));

    public void SaveResults(string id, string resultsJson, SweepLease? fence = null) => Time("save_results", () => inner.SaveResults(id, resultsJson, fence));

    public IReadOnlyList<SweepLease> ClaimSweeps(string silo, int max, DateTimeOffset now, TimeSpan leaseFor, TimeSpan deadAfter) => Time("claim_sweeps", () => inner.ClaimSweeps(silo, max, now, leaseFor, deadAfter));

    public bool RenewSweepLease(SweepLease lease, string silo, DateTimeOffset now, TimeSpan leaseFor) => Time("renew_sweep_lease", () => inner.RenewSweepLease(lease, silo, now, leaseFor));

    public void ReleaseSweepLease(SweepLease lease) => Time("release_sweep_lease", () => inner.ReleaseSweepLease(lease));

    public void EnqueueTrial(TrialRecord trial) => Time("enqueue_trial", () => inner.EnqueueTrial(trial));

    public void EnqueueTrials(IReadOnlyList<TrialRecord> trials) => Time("enqueue_trials", () => inner.EnqueueTrials(trials));

    public bool AnyUnfinishedTrials(string sweepId, TrialPhase phase) => Time("any_unfinished_trials", () => inner.AnyUnfinishedTrials(sweepId, phase));

    public IReadOnlyList<TrialLease> ClaimTrials(string silo, int max, DateTimeOffset now, TimeSpan leaseFor, TimeSpan deadAfter) => Time("claim_trials", () => inner.ClaimTrials(silo, max, now, leaseFor, deadAfter));

    public bool RenewLease(TrialRef trial, string silo, DateTimeOffset now, TimeSpan leaseFor) => Time("renew_lease", () => inner.RenewLease(trial, silo, now, leaseFor));

    public void ReleaseLease(TrialRef trial) => Time("release_lease", () => inner.ReleaseLease(trial));

    public void UpdateTrialProgress(TrialRef trial, TrialStatus status, long step, double lr, double smoothed, string? error = null) => Time("update_trial_progress", () => inner.UpdateTrialProgress(trial, status, step, lr, smoothed, error));

    public void WritePoints(TrialRef trial, IReadOnlyList<LossPoint> points) => Time("write_points", () => inner.WritePoints(trial, points));

    public void FinishTrial(TrialRef trial, IReadOnlyList<LossPoint> points, TrialStatus status, long step, double lr, double smoothed, string? error = null) =>
        Time("finish_trial", () => inner.FinishTrial(trial, points, status, step, lr, smoothed, error));

    public void WriteEpoch(TrialRef trial, EpochPoint epoch) => Time("write_epoch", () => inner.WriteEpoch(trial, epoch));

    public void WriteCheckpoint(TrialRef trial, IReadOnlyList<LossPoint> points, TrialCheckpoint checkpoint) => Time("write_checkpoint", () => inner.WriteCheckpoint(trial, points, checkpoint));

    public TrialCheckpoint? ReadCheckpoint(string sweepId, string trialId) => Time("read_checkpoint", () => inner.ReadCheckpoint(sweepId, trialId));

    public void Heartbeat(SiloInfo silo) => Time("heartbeat", () => inner.Heartbeat(silo));

    public IReadOnlyList<SiloInfo> ListSilos() => Time("list_silos", () => inner.ListSilos());

    public void LeaveSilo(string name, DateTimeOffset now) => Time("leave_silo", () => inner.LeaveSilo(name, now));

    public Task NextWakeup(Wakeup kind) => inner.NextWakeup(kind);

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
