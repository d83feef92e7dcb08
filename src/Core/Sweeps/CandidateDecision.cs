using LrCluster.Core.RangeTest;

namespace LrCluster.Core.Sweeps;

/// <summary>What the coordinator made of one candidate's repeats: the averaged curve and every method's suggestion with its spread.</summary>
public sealed record CandidateDecision(
    string Candidate,
    AveragedCurve Curve,
    IReadOnlyList<SuggestionSpread> Suggestions,
    double MinMeanLoss,
    int Repeats);
