namespace LrCluster.Grains;

/// <summary>How a silo runs trials: its name and cluster, its slots and GPUs, checkpoints, and the fallback polls.</summary>
public sealed class ClusterOptions
{
    /// <summary>This silo's name in the membership (a pod name on Kubernetes).</summary>
    public string Name { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>The Orleans cluster id; also scopes the store's queue, so clusters (and <c>lrc run</c>s) sharing a database never take each other's trials.</summary>
    public string ClusterId { get; set; } = Store.SweepRecord.DefaultCluster;

    /// <summary>Address of this silo's HTTP gateway, for operators and clients; empty for an embedded silo.</summary>
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

    /// <summary>
    /// How often idle slots look at the queue and a coordinator's phase wait looks at the store when nothing woke them:
    /// a fallback only, since new work wakes the slots of every silo and a finished trial wakes its coordinator.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
