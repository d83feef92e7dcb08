namespace LrCluster.Grains.Store;

/// <summary>A silo's membership row: where it serves, its slots and devices, and its last heartbeat.</summary>
public sealed record SiloInfo(
    string Name,
    string Address,
    int Slots,
    int BusySlots,
    IReadOnlyList<string> Devices,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    SiloStatus Status);
