using System.Diagnostics;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Metrics;

/// <summary>
/// The store a silo uses, timed: every call records <c>lrc_store_operation_duration_seconds{operation}</c>, the operation
/// being the method name in snake_case (a fixed set). Failed calls are timed too. <see cref="ISweepStore.WaitForWorkAsync"/>
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
        "claim_trials",
        "renew_lease",
        "release_lease",
        "update_trial_progress",
        "write_points",
        "write_epoch",
        "write_checkpoint",
        "read_checkpoint",
        "heartbeat",
        "list_silos",
        "leave_silo",
    ];

    public SweepRecord? GetSweep(string id)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return inner.GetSweep(id);
        }
        finally
        {
            Record("get_sweep", started);
        }
    }

    public IReadOnlyList<TrialRecord> ListTrials(string sweepId)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return inner.ListTrials(sweepId);
        }
        finally
        {
            Record("list_trials", started);
        }
    }

    public IReadOnlyList<LossPoint> ReadPoints(string sweepId, string trialId)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return inner.ReadPoints(sweepId, trialId);
        }
        finally
        {
            Record("read_points", started);
        }
    }

    public IReadOnlyList<EpochPoint> ReadEpochs(string sweepId, string trialId)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return inner.ReadEpochs(sweepId, trialId);
        }
        finally
        {
            Record("read_epochs", started);
        }
    }

    public void Migrate()
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            inner.Migrate();
        }
        finally
        {
            Record("migrate", started);
        }
    }

    public void CreateSweep(SweepRecord sweep)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            inner.CreateSweep(sweep);
        }
        finally
        {
            Record("create_sweep", started);
        }
    }

    public IReadOnlyList<SweepRecord> ListSweeps(int limit)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return inner.ListSweeps(limit);
        }
        finally
        {
            Record("list_sweeps", started);
        }
    }

    public void SetSweepState(string id, SweepState state, string? error = null, SweepLease? fence = null)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            inner.SetSweepState(id, state, error, fence);
        }
        finally
        {
            Record("set_sweep_state", started);
        }
    }

    public bool TryCancelSweep(string id)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return inner.TryCancelSweep(id);
        }
        finally
        {
            Record("try_cancel_sweep", started);
        }
    }

    public void SaveDecision(string id, string decisionJson, SweepLease? fence = null)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            inner.SaveDecision(id, decisionJson, fence);
        }
        finally
        {
            Record("save_decision", started);
        }
    }

    public void SaveResults(string id, string resultsJson, SweepLease? fence = null)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            inner.SaveResults(id, resultsJson, fence);
        }
        finally
        {
            Record("save_results", started);
        }
    }

    public IReadOnlyList<SweepLease> ClaimSweeps(string silo, int max, DateTimeOffset now, TimeSpan leaseFor, TimeSpan deadAfter)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return inner.ClaimSweeps(silo, max, now, leaseFor, deadAfter);
        }
        finally
        {
            Record("claim_sweeps", started);
        }
    }

    public bool RenewSweepLease(SweepLease lease, string silo, DateTimeOffset now, TimeSpan leaseFor)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return inner.RenewSweepLease(lease, silo, now, leaseFor);
        }
        finally
        {
            Record("renew_sweep_lease", started);
        }
    }

    public void ReleaseSweepLease(SweepLease lease)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            inner.ReleaseSweepLease(lease);
        }
        finally
        {
            Record("release_sweep_lease", started);
        }
    }

    public void EnqueueTrial(TrialRecord trial)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            inner.EnqueueTrial(trial);
        }
        finally
        {
            Record("enqueue_trial", started);
        }
    }

    public void EnqueueTrials(IReadOnlyList<TrialRecord> trials)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            inner.EnqueueTrials(trials);
        }
        finally
        {
            Record("enqueue_trials", started);
        }
    }

    public IReadOnlyList<TrialLease> ClaimTrials(string silo, int max, DateTimeOffset now, TimeSpan leaseFor, TimeSpan deadAfter)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return inner.ClaimTrials(silo, max, now, leaseFor, deadAfter);
        }
        finally
        {
            Record("claim_trials", started);
        }
    }

    public bool RenewLease(TrialRef trial, string silo, DateTimeOffset now, TimeSpan leaseFor)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return inner.RenewLease(trial, silo, now, leaseFor);
        }
        finally
        {
            Record("renew_lease", started);
        }
    }

    public void ReleaseLease(TrialRef trial)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            inner.ReleaseLease(trial);
        }
        finally
        {
            Record("release_lease", started);
        }
    }

    public void UpdateTrialProgress(TrialRef trial, TrialStatus status, long step, double lr, double smoothed, string? error = null)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            inner.UpdateTrialProgress(trial, status, step, lr, smoothed, error);
        }
        finally
        {
            Record("update_trial_progress", started);
        }
    }

    public void WritePoints(TrialRef trial, IReadOnlyList<LossPoint> points)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            inner.WritePoints(trial, points);
        }
        finally
        {
            Record("write_points", started);
        }
    }

    public void WriteEpoch(TrialRef trial, EpochPoint epoch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            inner.WriteEpoch(trial, epoch);
        }
        finally
        {
            Record("write_epoch", started);
        }
    }

    public void WriteCheckpoint(TrialRef trial, IReadOnlyList<LossPoint> points, TrialCheckpoint checkpoint)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            inner.WriteCheckpoint(trial, points, checkpoint);
        }
        finally
        {
            Record("write_checkpoint", started);
        }
    }

    public TrialCheckpoint? ReadCheckpoint(string sweepId, string trialId)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return inner.ReadCheckpoint(sweepId, trialId);
        }
        finally
        {
            Record("read_checkpoint", started);
        }
    }

    public void Heartbeat(SiloInfo silo)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            inner.Heartbeat(silo);
        }
        finally
        {
            Record("heartbeat", started);
        }
    }

    public IReadOnlyList<SiloInfo> ListSilos()
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return inner.ListSilos();
        }
        finally
        {
            Record("list_silos", started);
        }
    }

    public void LeaveSilo(string name, DateTimeOffset now)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            inner.LeaveSilo(name, now);
        }
        finally
        {
            Record("leave_silo", started);
        }
    }

    public Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellation) => inner.WaitForWorkAsync(timeout, cancellation);

    public void Dispose() => inner.Dispose();

    private static void Record(string operation, long started) =>
        LrcMetrics.StoreOperationDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("operation", operation));
}
