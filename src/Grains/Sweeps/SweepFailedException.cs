namespace LrCluster.Grains.Sweeps;

/// <summary>A sweep that cannot go on; the message is shown to the user as the sweep's error.</summary>
public sealed class SweepFailedException(string message) : Exception(message);
