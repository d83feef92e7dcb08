using LrCluster.Core.RangeTest;

namespace LrCluster.Core.Sweeps;

/// <summary>The coordinator's decision after the range tests: the chosen candidate, its suggestion and section, per-candidate detail.</summary>
public sealed record SweepDecision(
    string ChosenCandidate,
    string Method,
    double? SuggestedLr,
    string SectionRule,
    LrSection? Section,
    IReadOnlyList<CandidateDecision> Candidates);
