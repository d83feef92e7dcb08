namespace LrCluster.Grains;

/// <summary>How a silo runs trials and takes part in membership. Defaults aim at reactivating a dead silo's trials within 15 s.</summary>
public sealed class ClusterOptions
{
    /// <summary>This silo's name in the membership table (a pod name on Kubernetes).</summary>
    public string Name { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Address of its gateway, for operators and clients; empty for an embedded silo.</summary>
    public string Address { get; set; } = "";

    /// <summary>Trials run at once: GPU slots, or a configured count on a CPU machine.</summary>
    public int Slots { get; set; } = 1;

    /// <summary>Device names, one per slot where there are GPUs (cuda:0, cuda:1); empty on CPU.</summary>
    public IReadOnlyList<string> Devices { get; set; } = [];

    /// <summary>The GPU of slot <paramref name="slot"/> (slots go round the devices when there are more slots than GPUs); null on CPU.</summary>
    public string? DeviceOfSlot(int slot) => Devices.Count == 0 ? null : Devices[slot % Devices.Count];

    /// <summary>Checkpoint every K optimizer steps (cyclical trials: at the first epoch end after K steps).</summary>
    public int CheckpointEvery { get; set; } = 200;

    /// <summary>
    /// Where checkpoints of large models go instead of the store: a directory every silo mounts (a PVC on
    /// Kubernetes). Null keeps them in the store, the default.
    /// </summary>
    public string? CheckpointDirectory { get; set; }

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A silo whose last heartbeat is older than this many intervals is dead: its trials may be claimed.</summary>
    public int MissedHeartbeats { get; set; } = 4;

    /// <summary>How long a claim holds without renewal; renewed every third of it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>How often an idle slot looks for work (SQLite has no push; PostgreSQL wakes it earlier).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan DeadAfter => HeartbeatInterval * MissedHeartbeats;
}
