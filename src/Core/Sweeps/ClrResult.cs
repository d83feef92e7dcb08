namespace LrCluster.Core.Sweeps;

/// <summary>
/// How one cyclical configuration trained, as the ranking sees it. <see cref="StepsToBaseline"/> is the first evaluated
/// step at which its validation metric reached the best one of the sweep's <c>fixed</c> baseline (null when it never did,
/// or the sweep has no baseline); <see cref="BaselineStepRatio"/> divides it by the steps the baseline itself needed
/// (Smith's triangular2 reached the fixed-LR accuracy at 25k of 70k iterations: a ratio of 0.36).
/// </summary>
public sealed record ClrResult(
    string Config,
    string Policy,
    TrialStatus Status,
    int Epochs,
    double FinalValLoss,
    double FinalValMetric,
    double BestValLoss,
    int BestEpoch,
    int Rank = 0,
    long? StepsToBaseline = null,
    double? BaselineStepRatio = null);
