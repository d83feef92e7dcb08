namespace LrCluster.Grains.Store;

/// <summary>A coordinator activation's claim on a sweep; its writes to the sweep row name this epoch.</summary>
public sealed record SweepLease(string SweepId, long Epoch);
