using LrCluster.Grains.Contracts;

namespace LrCluster.Silo.Gateway;

/// <summary>The answer to a submission: the new sweep's id (also in Location), its name and state (pending).</summary>
public sealed record SweepCreated(string Id, string Name, SweepState State);
