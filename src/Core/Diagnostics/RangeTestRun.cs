using LrCluster.Core.Sweeps;

namespace LrCluster.Core.Diagnostics;

/// <summary>One range-test trial as recorded: its candidate, how it ended and its points in step order.</summary>
public sealed record RangeTestRun(string TrialId, string Candidate, TrialStatus Status, IReadOnlyList<LossPoint> Points);
