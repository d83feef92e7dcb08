using LrCluster.Core.Diagnostics;
using LrCluster.Core.RangeTest;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Sweeps;

namespace LrCluster.Client.Reports;

/// <summary>
/// The report.json document (and <c>--format json</c> on stdout): the decision, the ranking, the trials, the files
/// written, and the diagnostics' warnings. Fields are only ever added, never renamed: scripts read this.
/// </summary>
public sealed record SweepReport(
    string SweepId,
    string Name,
    string State,
    string? Error,
    string? ChosenCandidate,
    string? Method,
    double? SuggestedLr,
    string? SectionRule,
    LrSection? Section,
    IReadOnlyList<CandidateSummary> Candidates,
    SweepResults? Clr,
    IReadOnlyList<TrialSummary> Trials,
    IReadOnlyList<string> Files,
    IReadOnlyList<SweepWarning> Warnings,
    string? ValidationMetric = null);

public sealed record CandidateSummary(string Candidate, int Repeats, double MinMeanLoss, IReadOnlyList<SuggestionSpread> Suggestions);

public sealed record TrialSummary(string Id, TrialPhase Phase, TrialStatus Status, long Steps, string? Error);
