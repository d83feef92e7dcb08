namespace LrCluster.Grains.Contracts;

/// <summary>The slots of one silo, keyed by its address: told when claimable work arrives, so idle slots claim at once.</summary>
[Alias("lrc.ISlotsGrain")]
public interface ISlotsGrain : IGrainWithStringKey
{
    /// <summary>Wakes this silo's idle slots to claim from the queue.</summary>
    [Alias("Wake"), OneWay]
    Task Wake();

    /// <summary>This silo's slots; null when the activation is not on the silo its key names.</summary>
    [Alias("Describe"), AlwaysInterleave]
    Task<SlotsInfo?> Describe();
}
