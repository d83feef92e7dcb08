namespace LrCluster.Core.Sweeps;

/// <summary>One recorded optimizer step of a trial. Keyed by (trial, step), so a replayed step overwrites.</summary>
public sealed record LossPoint(long Step, double Lr, double Loss, double Smoothed, double? Momentum = null);
