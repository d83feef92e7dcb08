namespace LrCluster.Grains;

/// <summary>How an (embedded) silo runs trials.</summary>
public sealed class ClusterOptions
{
    /// <summary>Trials run at once: GPU slots, or a configured count on a CPU machine.</summary>
    public int Slots { get; set; } = 1;

    /// <summary>Checkpoint every K optimizer steps (cyclical trials: at the first epoch end after K steps).</summary>
    public int CheckpointEvery { get; set; } = 200;

    /// <summary>libtorch intra-op threads per trial; 0 lets the silo divide the cores among its slots.</summary>
    public int ThreadsPerTrial { get; set; }
}
