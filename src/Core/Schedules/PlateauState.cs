namespace LrCluster.Core.Schedules;

/// <summary>
/// Everything a <see cref="PlateauScaledSchedule"/> learns from epoch ends, so a trial can
/// checkpoint it. <see cref="Best"/> is +Infinity until the first epoch has ended.
/// </summary>
public sealed record PlateauState(double BaseLr, double MaxLr, double Best, int Counter, int CooldownLeft, int Epochs);
