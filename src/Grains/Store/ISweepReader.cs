using LrCluster.Core.Sweeps;

namespace LrCluster.Grains.Store;

/// <summary>What a report needs: read-only access to one sweep, from the store or through a gateway.</summary>
public interface ISweepReader
{
    SweepRecord? GetSweep(string id);

    IReadOnlyList<TrialRecord> ListTrials(string sweepId);

    IReadOnlyList<LossPoint> ReadPoints(string sweepId, string trialId);

    IReadOnlyList<EpochPoint> ReadEpochs(string sweepId, string trialId);

    /// <summary>A cyclical trial's held-out evaluations in step order (every clr.evaluateEvery steps and every epoch end).</summary>
    IReadOnlyList<EvaluationPoint> ReadEvaluations(string sweepId, string trialId);
}
