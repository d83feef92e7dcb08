using System.Collections.Concurrent;
using LrCluster.Core.Spec;
using LrCluster.Grains.Store;

namespace LrCluster.Grains.Trials;

/// <summary>
/// The parsed spec of each sweep this silo runs trials of. A sweep's spec never changes once stored, and every trial of a
/// sweep needs it: read and parsed once per sweep and silo instead of once per trial (a store round trip and a YAML parse,
/// a third of a short trial's cost). Kept for the most recent sweeps only: a bounded dictionary, emptied when full, is all
/// this needs (a cache package would add a dependency for one map).
/// </summary>
public sealed class SweepSpecs(ISweepStore store)
{
    private const int Capacity = 64;
    private readonly ConcurrentDictionary<string, SweepSpec> _specs = new(StringComparer.Ordinal);

    /// <summary>The sweep's spec; throws <see cref="InvalidOperationException"/> for an unknown sweep, <see cref="SpecException"/> for a bad spec.</summary>
    public SweepSpec Get(string sweepId)
    {
        if (_specs.TryGetValue(sweepId, out var cached))
        {
            return cached;
        }

        var sweep = store.GetSweep(sweepId) ?? throw new InvalidOperationException($"sweep {sweepId} vanished from the store");
        var spec = SpecReader.Read(sweep.SpecYaml, sweep.SpecFile, Path.GetDirectoryName(sweep.SpecFile));
        if (_specs.Count >= Capacity)
        {
            _specs.Clear();
        }

        _specs[sweepId] = spec;
        return spec;
    }
}
