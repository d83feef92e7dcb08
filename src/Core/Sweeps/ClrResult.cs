namespace LrCluster.Core.Sweeps;

/// <summary>How one cyclical configuration trained, as the ranking sees it.</summary>
public sealed record ClrResult(
    string Config,
    string Policy,
    TrialStatus Status,
    int Epochs,
    double FinalValLoss,
    double FinalValMetric,
    double BestValLoss,
    int BestEpoch,
    int Rank = 0);
