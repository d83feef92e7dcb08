using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Trials;

/// <summary>
/// A trial's sink over the store. Points are buffered and written in batches (one transaction per
/// batch, and with the checkpoint), so a training step never waits on the database.
/// </summary>
public sealed class StoreTrialSink(ISweepStore store, string sweepId, string trialId, Action<LossPoint>? progress = null) : ITrialSink
{
    private const int FlushEvery = 256;
    private readonly List<LossPoint> _buffer = new(FlushEvery);

    public TrialCheckpoint? LoadCheckpoint() => store.ReadCheckpoint(sweepId, trialId);

    public IReadOnlyList<LossPoint> RecordedPoints() => store.ReadPoints(sweepId, trialId);

    public IReadOnlyList<EpochPoint> RecordedEpochs() => store.ReadEpochs(sweepId, trialId);

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
        store.WriteEpoch(sweepId, trialId, epoch);
    }

    public void Checkpoint(TrialCheckpoint checkpoint)
    {
        store.WriteCheckpoint(sweepId, trialId, _buffer, checkpoint);
        _buffer.Clear();
    }

    public void Flush()
    {
        store.WritePoints(sweepId, trialId, _buffer);
        _buffer.Clear();
    }
}
