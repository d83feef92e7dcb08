using System.Collections.Concurrent;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;

namespace LrCluster.Cluster.Tests.Orleans;

/// <summary>A fenced trial write one silo attempted, and how the store answered.</summary>
/// <remarks><see cref="Started"/>: when the silo made the call; <see cref="At"/>: when the store answered.</remarks>
internal sealed record TrialWrite(string Operation, TrialRef Trial, DateTimeOffset Started, DateTimeOffset At, string Answer);

/// <summary>
/// One silo's own store instance, behind its <see cref="SiloSwitch"/>: every call waits while the silo is paused and
/// throws once it is dead (so a killed silo writes nothing). It also journals every fenced trial write with the
/// store's answer ("ok", "lease lost"), so a test can prove what a zombie did.
/// </summary>
internal sealed class SwitchedStore(ISweepStore inner, SiloSwitch power) : ISweepStore
{
    private readonly ConcurrentQueue<TrialWrite> _journal = new();

    public IReadOnlyList<TrialWrite> Journal => [.. _journal];

    public void Migrate() => Call(inner.Migrate);

    public void CreateSweep(SweepRecord sweep) => Call(() => inner.CreateSweep(sweep));

    public IReadOnlyList<SweepRecord> ListSweeps(int limit) => Call(() => inner.ListSweeps(limit));

    public SweepRecord? GetSweep(string id) => Call(() => inner.GetSweep(id));

    public IReadOnlyList<TrialRecord> ListTrials(string sweepId) => Call(() => inner.ListTrials(sweepId));

    public IReadOnlyList<LossPoint> ReadPoints(string sweepId, string trialId) => Call(() => inner.ReadPoints(sweepId, trialId));

    public IReadOnlyList<EpochPoint> ReadEpochs(string sweepId, string trialId) => Call(() => inner.ReadEpochs(sweepId, trialId));

    public IReadOnlyList<EvaluationPoint> ReadEvaluations(string sweepId, string trialId) => Call(() => inner.ReadEvaluations(sweepId, trialId));

    public IReadOnlyDictionary<string, IReadOnlyList<LossPoint>> ReadPointsOf(string sweepId, IReadOnlyCollection<string> trialIds) =>
        Call(() => inner.ReadPointsOf(sweepId, trialIds));

    public void SetSweepState(string id, SweepState state, string? error = null, SweepLease? fence = null) =>
        Call(() => inner.SetSweepState(id, state, error, fence));

    public bool TryCancelSweep(string id) => Call(() => inner.TryCancelSweep(id));

    public void SaveDecision(string id, string decisionJson, SweepLease? fence = null) => Call(() => inner.SaveDecision(id, decisionJson, fence));

    public void SaveResults(string id, string resultsJson, SweepLease? fence = null) => Call(() => inner.SaveResults(id, resultsJson, fence));

    public SweepLease? ClaimSweep(string sweepId, SiloRef owner) => Call(() => inner.ClaimSweep(sweepId, owner));

    public void EnqueueTrial(TrialRecord trial) => Call(() => inner.EnqueueTrial(trial));

    public void EnqueueTrials(IReadOnlyList<TrialRecord> trials) => Call(() => inner.EnqueueTrials(trials));

    public bool AnyUnfinishedTrials(string sweepId, TrialPhase phase) => Call(() => inner.AnyUnfinishedTrials(sweepId, phase));

    public IReadOnlyList<TrialLease> ClaimTrials(SiloRef owner, int max) => Call(() => inner.ClaimTrials(owner, max));

    public int RequeueTrialsOf(IReadOnlyCollection<string> ownerAddresses) => Call(() => inner.RequeueTrialsOf(ownerAddresses));

    public IReadOnlyList<string> SweepsCoordinatedBy(IReadOnlyCollection<string> ownerAddresses) => Call(() => inner.SweepsCoordinatedBy(ownerAddresses));

    public IReadOnlyDictionary<string, int> RunningTrialsByOwner() => Call(inner.RunningTrialsByOwner);

    public void ReleaseLease(TrialRef trial) => Fenced(nameof(ReleaseLease), trial, () => inner.ReleaseLease(trial));

    public void UpdateTrialProgress(TrialRef trial, TrialStatus status, long step, double lr, double smoothed, string? error = null) =>
        Fenced(nameof(UpdateTrialProgress), trial, () => inner.UpdateTrialProgress(trial, status, step, lr, smoothed, error));

    public void WritePoints(TrialRef trial, IReadOnlyList<LossPoint> points) => Fenced(nameof(WritePoints), trial, () => inner.WritePoints(trial, points));

    public void FinishTrial(TrialRef trial, IReadOnlyList<LossPoint> points, TrialStatus status, long step, double lr, double smoothed, string? error = null) =>
        Fenced(nameof(FinishTrial), trial, () => inner.FinishTrial(trial, points, status, step, lr, smoothed, error));

    public void WriteEpoch(TrialRef trial, EpochPoint epoch) => Fenced(nameof(WriteEpoch), trial, () => inner.WriteEpoch(trial, epoch));

    public void WriteEvaluation(TrialRef trial, EvaluationPoint evaluation) => Fenced(nameof(WriteEvaluation), trial, () => inner.WriteEvaluation(trial, evaluation));

    public void WriteCheckpoint(TrialRef trial, IReadOnlyList<LossPoint> points, TrialCheckpoint checkpoint) =>
        Fenced(nameof(WriteCheckpoint), trial, () => inner.WriteCheckpoint(trial, points, checkpoint));

    public TrialCheckpoint? ReadCheckpoint(string sweepId, string trialId) => Call(() => inner.ReadCheckpoint(sweepId, trialId));

    public void Dispose() => inner.Dispose();

    private void Fenced(string operation, TrialRef trial, Action write)
    {
        var started = DateTimeOffset.UtcNow;
        try
        {
            Call(write);
            _journal.Enqueue(new TrialWrite(operation, trial, started, DateTimeOffset.UtcNow, "ok"));
        }
        catch (LeaseLostException)
        {
            _journal.Enqueue(new TrialWrite(operation, trial, started, DateTimeOffset.UtcNow, "lease lost"));
            throw;
        }
    }

    private void Call(Action call)
    {
        power.EnterStore();
        call();
    }

    private T Call<T>(Func<T> call)
    {
        power.EnterStore();
        return call();
    }
}
