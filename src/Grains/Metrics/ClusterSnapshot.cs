using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using LrCluster.Grains.Sweeps;

namespace LrCluster.Grains.Metrics;

/// <summary>What the cluster-wide gauges show, read from the store at most once per scrape.</summary>
public sealed record ClusterSnapshot(
    IReadOnlyDictionary<string, long> SiloCounts,
    IReadOnlyList<(string Silo, double AgeSeconds)> HeartbeatAges,
    IReadOnlyDictionary<string, long> SweepCounts,
    IReadOnlyList<ClusterSnapshot.Sweep> Sweeps)
{
    /// <summary>Silo statuses as labelled: <c>active</c>, <c>left</c>, <c>dead</c> (heartbeat older than DeadAfter).</summary>
    public static readonly string[] SiloStatuses = ["active", "left", "dead"];

    public static readonly string[] SweepStates =
        [.. Enum.GetValues<SweepState>().Select(LrcMetrics.StateLabel)];

    /// <summary>Nothing known (no store yet): every count 0.</summary>
    public static readonly ClusterSnapshot Empty = new(
        SiloStatuses.ToDictionary(s => s, _ => 0L), [], SweepStates.ToDictionary(s => s, _ => 0L), []);

    /// <summary>A sweep that is running, or finished within the retention: its state, decision and results.</summary>
    public sealed record Sweep(string Id, SweepState State, SweepDecision? Decision, SweepResults? Results)
    {
        public bool Final => State is SweepState.Completed or SweepState.Failed or SweepState.Cancelled;
    }
}
