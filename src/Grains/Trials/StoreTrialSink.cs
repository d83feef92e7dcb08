using System.Diagnostics;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Metrics;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Trials;

/// <summary>
/// A trial's sink over the store. Points are buffered and written in batches (one transaction per
/// batch, and with the checkpoint), at least every second and every 1000 points, so a training step
/// never waits on the database while watchers on any silo still see the trial advance. Every write is
/// fenced by the activation's epoch: a stale activation gets <see cref="LeaseLostException"/> and stops.
/// </summary>
public sealed class StoreTrialSink(
    ISweepStore store,
    TrialRef trial,
    Action<LossPoint>? progress = null,
    TrialMetrics? metrics = null,
    CheckpointFiles? files = null) : ITrialSink
{
    // Batches of 1000 are where PostgreSQL ingestion passes 100k points/s (docs/benchmarks.md); the 1 s flush keeps watchers current.
    private const int FlushEvery = 1000;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);
    private readonly List<LossPoint> _buffer = new(FlushEvery);
    private readonly Stopwatch _sinceFlush = Stopwatch.StartNew();
    private LossPoint? _last;
    private long _resumedAt;

    public TrialCheckpoint? LoadCheckpoint()
    {
        // A first activation has nothing to resume (TrialRef.IsFirstActivation): no read, one round trip fewer per trial.
        var checkpoint = trial.IsFirstActivation ? null
            : store.ReadCheckpoint(trial.SweepId, trial.TrialId) is { } stored ? CheckpointFiles.Resolve(stored) : null;
        _resumedAt = checkpoint?.NextStep ?? 0;
        return checkpoint;
    }

    public IReadOnlyList<LossPoint> RecordedPoints() => trial.IsFirstActivation ? [] : store.ReadPoints(trial.SweepId, trial.TrialId);

    public IReadOnlyList<EpochPoint> RecordedEpochs() => trial.IsFirstActivation ? [] : store.ReadEpochs(trial.SweepId, trial.TrialId);

    public void Record(LossPoint point)
    {
        metrics?.StepStarted(point.Step, point.Lr, point.Smoothed);
        _buffer.Add(point);
        _last = point;
        progress?.Invoke(point);
        if (_buffer.Count >= FlushEvery || _sinceFlush.Elapsed >= FlushInterval)
        {
            Flush();
        }

        metrics?.StepEnded();
    }

    public void RecordEpoch(EpochPoint epoch)
    {
        Flush();
        store.WriteEpoch(trial, epoch);
        metrics?.Paused();
    }

    /// <summary>Written at once, fenced like every write: evaluations are far apart, and one costs a validation pass anyway.</summary>
    public void RecordEvaluation(EvaluationPoint evaluation)
    {
        store.WriteEvaluation(trial, evaluation);
        metrics?.Paused();
    }

    public void Checkpoint(TrialCheckpoint checkpoint)
    {
        var started = Stopwatch.GetTimestamp();
        store.WriteCheckpoint(trial, _buffer, files?.Save(trial, checkpoint) ?? checkpoint);
        files?.Prune(trial, checkpoint.NextStep);
        LrcMetrics.CheckpointWritten(checkpoint.State.LongLength, Stopwatch.GetElapsedTime(started).TotalSeconds);
        metrics?.Paused();
        _buffer.Clear();
        Progressed();
    }

    public void Flush()
    {
        store.WritePoints(trial, _buffer);
        _buffer.Clear();
        Progressed();
    }

    /// <summary>
    /// Steps done, and the LR and smoothed loss of the last one. An activation resumed at its last step records nothing:
    /// its progress is still where the checkpoint was.
    /// </summary>
    public (long Steps, double Lr, double Smoothed) Position => _last is { } p ? (p.Step + 1, p.Lr, p.Smoothed) : (_resumedAt, double.NaN, double.NaN);

    /// <summary>Ends the activation: the buffered points and the final status in one write (<see cref="ISweepStore.FinishTrial"/>).</summary>
    public void Finish(TrialStatus status, string? error)
    {
        var (steps, lr, smoothed) = Position;
        store.FinishTrial(trial, _buffer, status, steps, lr, smoothed, error);
        _buffer.Clear();
    }

    private void Progressed()
    {
        _sinceFlush.Restart();
        if (_last is { } p)
        {
            store.UpdateTrialProgress(trial, TrialStatus.Running, p.Step + 1, p.Lr, p.Smoothed);
        }
    }
}
