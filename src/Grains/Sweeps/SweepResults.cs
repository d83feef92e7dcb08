using LrCluster.Core.Sweeps;

namespace LrCluster.Grains.Sweeps;

/// <summary>The cyclical phase's outcome: every config ranked, with the schedule it trained under.</summary>
public sealed record SweepResults(IReadOnlyList<ClrResult> Ranking, IReadOnlyDictionary<string, ScheduleParameters> Schedules);
