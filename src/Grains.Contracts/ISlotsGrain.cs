namespace LrCluster.Grains.Contracts;

/// <summary>
/// The slots of one silo, keyed by its address: told when claimable work arrives, so idle slots claim at once, and when a
/// sweep is cancelled, so its trials there stop.
/// </summary>
[Alias("lrc.ISlotsGrain")]
public interface ISlotsGrain : IGrainWithStringKey
{
    /// <summary>Wakes this silo's idle slots to claim from the queue.</summary>
    [Alias("Wake"), OneWay]
    Task Wake();

    /// <summary>This silo's slots; null when the activation is not on the silo its key names.</summary>
    [Alias("Describe"), AlwaysInterleave]
    Task<SlotsInfo?> Describe();

    /// <summary>Stops this silo's trials of a cancelled sweep at their next step, and any of its trials that start later.</summary>
    [Alias("StopSweep"), AlwaysInterleave]
    Task StopSweep(string sweepId);
}
