using LrCluster.Core.Spec;

namespace LrCluster.Core.Sweeps;

/// <summary>
/// Everything a trial grain needs to run, fixed before it starts. A range-test trial names its
/// candidate and repeat; a cyclical trial names its config and carries the broadcast schedule.
/// </summary>
public sealed record TrialDefinition(
    string Id,
    TrialPhase Phase,
    string Candidate,
    int Repeat,
    long Seed,
    OptimizerSpec Optimizer,
    int BatchSize,
    string? Config = null,
    ScheduleParameters? Schedule = null)
{
    public static string RangeTestId(string candidate, int repeat) => $"rt-{candidate}-r{repeat}";

    public static string ClrId(string config) => $"clr-{config}";
}
