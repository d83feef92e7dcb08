using LrCluster.Core.Sweeps;

namespace LrCluster.Training.Runners;

/// <summary>
/// Where a running trial puts what it measures. A grain implements it over the store, with every write
/// fenced by the activation's epoch; tests implement it in memory.
/// </summary>
public interface ITrialSink
{
    /// <summary>The last durable checkpoint, or null for a fresh start.</summary>
    TrialCheckpoint? LoadCheckpoint();

    /// <summary>Points already recorded for this trial (a resumed runner replays their losses through its smoother).</summary>
    IReadOnlyList<LossPoint> RecordedPoints();

    IReadOnlyList<EpochPoint> RecordedEpochs();

    void Record(LossPoint point);

    void RecordEpoch(EpochPoint epoch);

    /// <summary>
    /// A held-out evaluation of a cyclical trial (every <c>clr.evaluateEvery</c> steps and at every epoch end). Sinks
    /// that keep only the per-epoch record may ignore it, which the default does.
    /// </summary>
    void RecordEvaluation(EvaluationPoint evaluation)
    {
    }

    /// <summary>Makes everything recorded so far durable together with the trainer state.</summary>
    void Checkpoint(TrialCheckpoint checkpoint);
}
