namespace LrCluster.Silo.Gateway;

/// <summary>The <c>progress</c> server-sent event: every trial's latest progress.</summary>
public sealed record ProgressEvent(string SweepId, IReadOnlyList<TrialView> Trials);
