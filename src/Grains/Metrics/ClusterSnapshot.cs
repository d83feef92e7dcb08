using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;

namespace LrCluster.Grains.Metrics;

/// <summary>
/// What the cluster-wide gauges show, read from the store at most once per <see cref="ClusterGauges.CacheFor"/>: counts
/// over fixed label sets only (silo statuses, sweep states, trial phases and statuses), never a sweep, trial or pod name.
/// </summary>
public sealed record ClusterSnapshot(
    IReadOnlyDictionary<string, long> SiloCounts,
    IReadOnlyDictionary<string, long> SweepCounts,
    IReadOnlyDictionary<(string Phase, string Status), long> TrialCounts)
{
    /// <summary>Silo statuses as labelled: <c>active</c> (joining or active), <c>left</c> (shutting down), <c>dead</c> (declared dead by Orleans).</summary>
    public static readonly string[] SiloStatuses = ["active", "left", "dead"];

    public static readonly string[] SweepStates =
        [.. Enum.GetValues<SweepState>().Select(LrcMetrics.StateLabel)];

    public static readonly string[] TrialStatuses =
        [.. Enum.GetValues<TrialStatus>().Select(LrcMetrics.StatusLabel)];

    /// <summary>Nothing known (no store yet): every count 0.</summary>
    public static readonly ClusterSnapshot Empty = new(Zeros(SiloStatuses), Zeros(SweepStates), TrialZeros());

    internal static Dictionary<string, long> Zeros(IEnumerable<string> labels) => labels.ToDictionary(s => s, _ => 0L);

    internal static Dictionary<(string, string), long> TrialZeros() =>
        (from phase in LrcMetrics.Phases from status in TrialStatuses select (phase, status)).ToDictionary(k => k, _ => 0L);
}
