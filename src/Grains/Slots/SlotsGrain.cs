using LrCluster.Grains.Contracts;
using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace LrCluster.Grains.Slots;

/// <summary>
/// The wake-up line of one silo's slots, keyed by the silo's address and activated there (a placement hint names it).
/// An activation that landed on another silo (its own was not compatible) ignores the call: a wake-up is only a hint.
/// </summary>
[PreferLocalPlacement]
public sealed class SlotsGrain(SlotWorker worker, SlotThreads slots, RunningTrials running, ClusterOptions options, ILocalSiloDetails silo) : Grain, ISlotsGrain
{
    public Task Wake()
    {
        if (this.GetPrimaryKeyString() == silo.SiloAddress.ToParsableString())
        {
            worker.Wake();
        }
        else
        {
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    public Task<SlotsInfo?> Describe() => Task.FromResult(this.GetPrimaryKeyString() == silo.SiloAddress.ToParsableString()
        ? new SlotsInfo(slots.Count, slots.Busy, options.Devices, options.Address)
        : null);

    public Task StopSweep(string sweepId)
    {
        if (this.GetPrimaryKeyString() == silo.SiloAddress.ToParsableString())
        {
            running.StopSweep(sweepId);
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops a cancelled sweep's trials on every active silo (each stops at its next step); returns once each silo was told.</summary>
    public static Task StopSweepEverywhere(IGrainFactory grains, IClusterMembershipService membership, string sweepId) => Task.WhenAll(
        membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(async m =>
        {
            RequestContext.Set(IPlacementDirector.PlacementHintKey, m.SiloAddress);
            try
            {
                await grains.GetGrain<ISlotsGrain>(m.SiloAddress.ToParsableString()).StopSweep(sweepId);
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }
        }));

    /// <summary>The slots of <paramref name="target"/>, asked on that silo (null when it does not answer as itself).</summary>
    public static async Task<SlotsInfo?> DescribeAsync(IGrainFactory grains, SiloAddress target)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, target);
        try
        {
            return await grains.GetGrain<ISlotsGrain>(target.ToParsableString()).Describe();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    /// <summary>Wakes the slots of every active silo of the cluster: new work is in the queue.</summary>
    public static void WakeAll(IGrainFactory grains, IClusterMembershipService membership)
    {
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status == SiloStatus.Active)
            {
                Wake(grains, member.SiloAddress);
            }
        }
    }

    private static void Wake(IGrainFactory grains, SiloAddress target)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, target);
        try
        {
            grains.GetGrain<ISlotsGrain>(target.ToParsableString()).Wake().Ignore();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }
}
