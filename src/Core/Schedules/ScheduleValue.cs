namespace LrCluster.Core.Schedules;

/// <summary>The learning rate at one optimizer step, and the momentum (or Adam's beta1) when the schedule drives it.</summary>
public readonly record struct ScheduleValue(double Lr, double? Momentum);
