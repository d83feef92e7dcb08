using LrCluster.Core.Sweeps;

namespace LrCluster.Grains.Trials;

/// <summary>A live progress event for watchers (terminal bars, server-sent events).</summary>
public sealed record TrialProgress(string SweepId, string TrialId, TrialPhase Phase, TrialStatus Status, long Step, long TotalSteps, double Lr, double Smoothed);
