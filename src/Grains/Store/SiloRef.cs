namespace LrCluster.Grains.Store;

/// <summary>
/// A silo as the store records an owner: its name (shown to people), its Orleans address (unique per process lifetime,
/// so a restarted silo of the same name never inherits a dead one's trials) and the cluster whose queue it serves.
/// </summary>
public sealed record SiloRef(string Name, string Address, string ClusterId);
