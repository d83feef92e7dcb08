using System.Collections.Concurrent;

namespace LrCluster.Grains.Metrics;

/// <summary>The trial activations running in this process, for the per-trial gauges; an entry leaves when its activation ends.</summary>
public static class LiveTrials
{
    private static readonly ConcurrentDictionary<TrialMetrics, byte> Running = new(ReferenceEqualityComparer.Instance);

    public static void Add(TrialMetrics trial) => Running.TryAdd(trial, 0);

    public static void Remove(TrialMetrics trial) => Running.TryRemove(trial, out _);

    /// <summary>The activations of <paramref name="silo"/> (several silos share a process in tests).</summary>
    public static IEnumerable<TrialMetrics> Of(string silo) => Running.Keys.Where(t => t.Silo == silo);
}
