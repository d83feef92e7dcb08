using System.Collections.Concurrent;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;

namespace LrCluster.ClusterBench;

/// <summary>
/// A pass-through store that timestamps the moments the benchmark needs and cannot see from outside:
/// when each trial's pending row was committed (EnqueueTrial returned: the trial is claimable from then on),
/// when each claim returned to its silo, and when each sweep state was written. Every call goes to the
/// wrapped <see cref="PostgresSweepStore"/> unchanged; the stamps are taken after the call returns.
/// </summary>
public sealed class TimingStore(ISweepStore inner, string silo, Recorder recorder) : ISweepStore
{
    public void EnqueueTrials(IReadOnlyList<TrialRecord> trials)
    {
        inner.EnqueueTrials(trials);
        foreach (var trial in trials)
        {
            recorder.Enqueued(trial.SweepId, trial.Id);
        }
    }

    public void EnqueueTrial(TrialRecord trial)
    {
        inner.EnqueueTrial(trial);
        recorder.Enqueued(trial.SweepId, trial.Id);
    }

    public bool AnyUnfinishedTrials(string sweepId, TrialPhase phase) => inner.AnyUnfinishedTrials(sweepId, phase);

    public IReadOnlyList<TrialLease> ClaimTrials(string silo1, int max, DateTimeOffset now, TimeSpan leaseFor, TimeSpan deadAfter)
    {
        var leases = inner.ClaimTrials(silo1, max, now, leaseFor, deadAfter);
        foreach (var lease in leases)
        {
            recorder.Claimed(lease.Ref.SweepId, lease.Ref.TrialId, silo);
        }

        return leases;
    }

    public void SetSweepState(string id, SweepState state, string? error = null, SweepLease? fence = null)
    {
        inner.SetSweepState(id, state, error, fence);
        recorder.State(id, state, error);
    }

    public SweepRecord? GetSweep(string id) => inner.GetSweep(id);

    public IReadOnlyList<TrialRecord> ListTrials(string sweepId) => inner.ListTrials(sweepId);

    public IReadOnlyList<LossPoint> ReadPoints(string sweepId, string trialId) => inner.ReadPoints(sweepId, trialId);

    public IReadOnlyList<EpochPoint> ReadEpochs(string sweepId, string trialId) => inner.ReadEpochs(sweepId, trialId);

    public void Migrate() => inner.Migrate();

    public void CreateSweep(SweepRecord sweep) => inner.CreateSweep(sweep);

    public IReadOnlyList<SweepRecord> ListSweeps(int limit) => inner.ListSweeps(limit);

    public bool TryCancelSweep(string id) => inner.TryCancelSweep(id);

    public void SaveDecision(string id, string decisionJson, SweepLease? fence = null) => inner.SaveDecision(id, decisionJson, fence);

    public void SaveResults(string id, string resultsJson, SweepLease? fence = null) => inner.SaveResults(id, resultsJson, fence);

    public IReadOnlyList<SweepLease> ClaimSweeps(string silo1, int max, DateTimeOffset now, TimeSpan leaseFor, TimeSpan deadAfter) =>
        inner.ClaimSweeps(silo1, max, now, leaseFor, deadAfter);

    public bool RenewSweepLease(SweepLease lease, string silo1, DateTimeOffset now, TimeSpan leaseFor) => inner.RenewSweepLease(lease, silo1, now, leaseFor);

    public void ReleaseSweepLease(SweepLease lease) => inner.ReleaseSweepLease(lease);

    public bool RenewLease(TrialRef trial, string silo1, DateTimeOffset now, TimeSpan leaseFor) => inner.RenewLease(trial, silo1, now, leaseFor);

    public void ReleaseLease(TrialRef trial) => inner.ReleaseLease(trial);

    public void UpdateTrialProgress(TrialRef trial, TrialStatus status, long step, double lr, double smoothed, string? error = null) =>
        inner.UpdateTrialProgress(trial, status, step, lr, smoothed, error);

    public void WritePoints(TrialRef trial, IReadOnlyList<LossPoint> points) => inner.WritePoints(trial, points);

    public void FinishTrial(TrialRef trial, IReadOnlyList<LossPoint> points, TrialStatus status, long step, double lr, double smoothed, string? error = null) =>
        inner.FinishTrial(trial, points, status, step, lr, smoothed, error);

    public void WriteEpoch(TrialRef trial, EpochPoint epoch) => inner.WriteEpoch(trial, epoch);

    public void WriteCheckpoint(TrialRef trial, IReadOnlyList<LossPoint> points, TrialCheckpoint checkpoint) => inner.WriteCheckpoint(trial, points, checkpoint);

    public TrialCheckpoint? ReadCheckpoint(string sweepId, string trialId) => inner.ReadCheckpoint(sweepId, trialId);

    public Task NextWakeup(Wakeup kind) => inner.NextWakeup(kind);

    public void Heartbeat(SiloInfo silo1) => inner.Heartbeat(silo1);

    public IReadOnlyList<SiloInfo> ListSilos() => inner.ListSilos();

    public void LeaveSilo(string name, DateTimeOffset now) => inner.LeaveSilo(name, now);

    public void Dispose() => inner.Dispose();
}

/// <summary>Timestamps (ms on one monotonic clock) of every trial's life, gathered from all silos of the process.</summary>
public sealed class Recorder
{
    private readonly long _origin = System.Diagnostics.Stopwatch.GetTimestamp();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(SweepState State, string? Error)>> _final = new();

    public ConcurrentDictionary<(string Sweep, string Trial), double> EnqueuedAt { get; } = new();

    public ConcurrentDictionary<(string Sweep, string Trial), (double At, string Silo)> ClaimedAt { get; } = new();

    public ConcurrentDictionary<(string Sweep, string Trial), (double At, string Silo)> FirstStepAt { get; } = new();

    public ConcurrentDictionary<(string Sweep, string Trial), (double At, string Silo)> FinishedAt { get; } = new();

    public ConcurrentDictionary<(string Sweep, SweepState State), double> StateAt { get; } = new();

    public int Errors;

    public double Now => System.Diagnostics.Stopwatch.GetElapsedTime(_origin).TotalMilliseconds;

    public void Enqueued(string sweep, string trial) => EnqueuedAt.TryAdd((sweep, trial), Now);

    public void Claimed(string sweep, string trial, string silo) => ClaimedAt.TryAdd((sweep, trial), (Now, silo));

    public void State(string sweep, SweepState state, string? error)
    {
        StateAt.TryAdd((sweep, state), Now);
        if (state is SweepState.Completed or SweepState.Failed or SweepState.Cancelled)
        {
            FinalOf(sweep).TrySetResult((state, error));
        }
    }

    /// <summary>The progress callback of one silo: the first step of a trial, and its final status.</summary>
    public void Progress(string silo, LrCluster.Grains.Trials.TrialProgress p)
    {
        var at = Now;
        if (p.Status == TrialStatus.Running)
        {
            FirstStepAt.TryAdd((p.SweepId, p.TrialId), (at, silo));
        }
        else
        {
            FinishedAt.TryAdd((p.SweepId, p.TrialId), (at, silo));
        }
    }

    public Task<(SweepState State, string? Error)> Final(string sweep) => FinalOf(sweep).Task;

    private TaskCompletionSource<(SweepState, string?)> FinalOf(string sweep) =>
        _final.GetOrAdd(sweep, _ => new TaskCompletionSource<(SweepState, string?)>(TaskCreationOptions.RunContinuationsAsynchronously));
}
