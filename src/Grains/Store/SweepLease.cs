namespace LrCluster.Grains.Store;

/// <summary>A silo's claim on a sweep's coordinator grain; its writes to the sweep row name this epoch.</summary>
public sealed record SweepLease(string SweepId, long Epoch);
