namespace LrCluster.Training.Runners;

/// <summary>
/// Trainer state taken just before step <see cref="NextStep"/>. Data position needs no field: batches
/// are a pure function of the step. <see cref="ScheduleState"/> carries plateau-scaled bounds.
/// </summary>
public sealed record TrialCheckpoint(long NextStep, byte[] State, string? ScheduleState = null);
