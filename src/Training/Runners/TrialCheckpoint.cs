namespace LrCluster.Training.Runners;

/// <summary>
/// Trainer state taken just before step <see cref="NextStep"/>. Data position needs no field: batches
/// are a pure function of the step. <see cref="ScheduleState"/> carries plateau-scaled bounds.
/// A cyclical trial that evaluates every k steps can checkpoint inside an epoch; <see cref="EpochLossSum"/> then holds
/// the sum of that epoch's training losses so far, so the resumed epoch's mean training loss is the uninterrupted one.
/// </summary>
public sealed record TrialCheckpoint(long NextStep, byte[] State, string? ScheduleState = null, double? EpochLossSum = null);
