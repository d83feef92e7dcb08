using System.Collections.Concurrent;
using Orleans.GrainDirectory;

namespace LrCluster.Grains.Trials;

/// <summary>
/// The grain directory of trial grains: this silo's own activations only. A trial grain is activated by the slot that
/// claimed it, on that slot's silo, and is called only there (its start, and its end); a cancel reaches it through its
/// silo's <see cref="Slots.SlotsGrain"/>. Where a trial runs is already recorded by its claim in the store, and its
/// writes are fenced by the claim's epoch, so Orleans' cluster-wide directory would add nothing but messages: with it,
/// every short trial cost three remote round trips (a lookup before placement, the registration, the unregistration) to
/// whichever silo owns the grain's hash. A call from another silo finds no entry here and activates the grain where it
/// was made; such an activation holds no slot, so it refuses to start and deactivates.
/// </summary>
public sealed class TrialDirectory : IGrainDirectory
{
    /// <summary>The name trial grains name in <see cref="GrainDirectoryAttribute"/>.</summary>
    public const string Name = "lrc-trials";

    private readonly ConcurrentDictionary<GrainId, GrainAddress> _local = new();

    public int Count => _local.Count;

    /// <summary>Registers an activation of this silo; an existing one of the same grain wins (Orleans' contract).</summary>
    public Task<GrainAddress?> Register(GrainAddress address) => Task.FromResult<GrainAddress?>(_local.GetOrAdd(address.GrainId, address));

    /// <summary>Replaces <paramref name="previousAddress"/> (an activation Orleans found gone) atomically, else registers.</summary>
    public Task<GrainAddress?> Register(GrainAddress address, GrainAddress? previousAddress)
    {
        if (previousAddress is not null && _local.TryGetValue(address.GrainId, out var current) && current.Matches(previousAddress))
        {
            _local.TryUpdate(address.GrainId, address, current);
        }

        return Register(address);
    }

    public Task Unregister(GrainAddress address)
    {
        if (_local.TryGetValue(address.GrainId, out var current) && current.Matches(address))
        {
            _local.TryRemove(new KeyValuePair<GrainId, GrainAddress>(address.GrainId, current));
        }

        return Task.CompletedTask;
    }

    public Task<GrainAddress?> Lookup(GrainId grainId) => Task.FromResult(_local.TryGetValue(grainId, out var address) ? address : null);

    public Task UnregisterSilos(List<SiloAddress> siloAddresses)
    {
        foreach (var (grain, address) in _local)
        {
            if (address.SiloAddress is { } silo && siloAddresses.Contains(silo))
            {
                _local.TryRemove(new KeyValuePair<GrainId, GrainAddress>(grain, address));
            }
        }

        return Task.CompletedTask;
    }
}
