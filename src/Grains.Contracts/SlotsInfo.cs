namespace LrCluster.Grains.Contracts;

/// <summary>A silo's slots as it reports them: how many, how many train now, its GPUs and its HTTP gateway URL.</summary>
[GenerateSerializer, Immutable, Alias("lrc.SlotsInfo")]
public sealed record SlotsInfo([property: Id(0)] int Slots, [property: Id(1)] int Busy, [property: Id(2)] IReadOnlyList<string> Devices, [property: Id(3)] string Gateway);
