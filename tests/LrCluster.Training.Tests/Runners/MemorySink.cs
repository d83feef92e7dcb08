using LrCluster.Core.Sweeps;
using LrCluster.Training.Runners;

namespace LrCluster.Training.Tests.Runners;

/// <summary>An in-memory trial sink: the runner tests need no store.</summary>
internal sealed class MemorySink : ITrialSink
{
    public List<LossPoint> Points { get; } = [];

    public List<EpochPoint> Epochs { get; } = [];

    public List<EvaluationPoint> Evaluations { get; } = [];

    public List<TrialCheckpoint> Checkpoints { get; } = [];

    public TrialCheckpoint? Last { get; private set; }

    public TrialCheckpoint? LoadCheckpoint() => Last;

    public IReadOnlyList<LossPoint> RecordedPoints() => Points;

    public IReadOnlyList<EpochPoint> RecordedEpochs() => Epochs;

    public void Record(LossPoint point)
    {
        Points.RemoveAll(p => p.Step == point.Step);
        Points.Add(point);
    }

    public void RecordEpoch(EpochPoint epoch)
    {
        Epochs.RemoveAll(e => e.Epoch == epoch.Epoch);
        Epochs.Add(epoch);
    }

    public void RecordEvaluation(EvaluationPoint evaluation)
    {
        Evaluations.RemoveAll(e => e.Step == evaluation.Step);
        Evaluations.Add(evaluation);
    }

    public void Checkpoint(TrialCheckpoint checkpoint)
    {
        Last = checkpoint;
        Checkpoints.Add(checkpoint);
    }
}
