namespace LrCluster.Grains.Contracts;

/// <summary>
/// A silo of the cluster: its name, Orleans address, gateway URL, slots (busy: running trials it owns), GPUs, when it
/// started, its last I-am-alive and its membership status (<c>joining</c>, <c>active</c>, <c>shuttingDown</c>, <c>dead</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("lrc.SiloInfo")]
public sealed record SiloInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] string Address,
    [property: Id(2)] string Gateway,
    [property: Id(3)] int Slots,
    [property: Id(4)] int BusySlots,
    [property: Id(5)] IReadOnlyList<string> Devices,
    [property: Id(6)] DateTimeOffset StartedAt,
    [property: Id(7)] DateTimeOffset HeartbeatAt,
    [property: Id(8)] string Status);
