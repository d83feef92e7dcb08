using LrCluster.Core.Sweeps;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Store;

/// <summary>
/// The durable state of sweeps and trials. Loss points are keyed by (sweep, trial, step) and epoch
/// points by (sweep, trial, epoch), so a replayed step after a resume overwrites instead of duplicating.
/// </summary>
public interface ISweepStore : IDisposable
{
    /// <summary>Creates the tables, or migrates an older schema forward.</summary>
    void Migrate();

    void CreateSweep(SweepRecord sweep);

    SweepRecord? GetSweep(string id);

    IReadOnlyList<SweepRecord> ListSweeps(int limit);

    void SetSweepState(string id, SweepState state, string? error = null);

    void SaveDecision(string id, string decisionJson);

    void SaveResults(string id, string resultsJson);

    void UpsertTrial(TrialRecord trial);

    void UpdateTrialProgress(string sweepId, string trialId, TrialStatus status, long step, double lr, double smoothed, string? error = null);

    IReadOnlyList<TrialRecord> ListTrials(string sweepId);

    void WritePoints(string sweepId, string trialId, IReadOnlyList<LossPoint> points);

    IReadOnlyList<LossPoint> ReadPoints(string sweepId, string trialId);

    void WriteEpoch(string sweepId, string trialId, EpochPoint epoch);

    IReadOnlyList<EpochPoint> ReadEpochs(string sweepId, string trialId);

    /// <summary>Writes the points and the checkpoint in one transaction: a checkpoint never runs ahead of its points.</summary>
    void WriteCheckpoint(string sweepId, string trialId, IReadOnlyList<LossPoint> points, TrialCheckpoint checkpoint);

    TrialCheckpoint? ReadCheckpoint(string sweepId, string trialId);
}
