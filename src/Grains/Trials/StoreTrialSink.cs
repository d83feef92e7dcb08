using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Trials;

/// <summary>
/// A trial's sink over the store. Points are buffered and written in batches (one transaction per
/// batch, and with the checkpoint), so a training step never waits on the database. Every write is fenced
/// by the activation's epoch: a stale activation gets <see cref="LeaseLostException"/> and stops.
/// </summary>
public sealed class StoreTrialSink(ISweepStore store, TrialRef trial, Action<LossPoint>? progress = null) : ITrialSink
{
    private const int FlushEvery = 256;
    private readonly List<LossPoint> _buffer = new(FlushEvery);

    public TrialCheckpoint? LoadCheckpoint() => store.ReadCheckpoint(trial.SweepId, trial.TrialId);

    public IReadOnlyList<LossPoint> RecordedPoints() => store.ReadPoints(trial.SweepId, trial.TrialId);

    public IReadOnlyList<EpochPoint> RecordedEpochs() => store.ReadEpochs(trial.SweepId, trial.TrialId);

    public void Record(LossPoint point)
    {
        _buffer.Add(point);
        progress?.Invoke(point);
        if (_buffer.Count >= FlushEvery)
        {
            Flush();
        }
    }

    public void RecordEpoch(EpochPoint epoch)
    {
        Flush();
        store.WriteEpoch(trial, epoch);
    }

    public void Checkpoint(TrialCheckpoint checkpoint)
    {
        store.WriteCheckpoint(trial, _buffer, checkpoint);
        _buffer.Clear();
    }

    public void Flush()
    {
        store.WritePoints(trial, _buffer);
        _buffer.Clear();
    }
}
