using LrCluster.Grains.Contracts;

namespace LrCluster.Silo.Gateway;

/// <summary>The <c>state</c> server-sent event: the sweep moved to another state (the last one is final).</summary>
public sealed record StateEvent(string SweepId, SweepState State, string? Error, bool Final);
