using LrCluster.Grains.Contracts;
using LrCluster.Grains.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;

namespace LrCluster.Grains.Slots;

/// <summary>
/// The slots of this silo pull work: whenever a slot is free and the queue may hold something (new work woke them,
/// a slot freed, or the fallback poll), it claims pending trials from the store, one per free slot, and starts each
/// trial's grain on this silo. Trials wait in the queue, never fail, while every slot is busy. On shutdown it stops
/// claiming, interrupts the running trials (each checkpoints and goes back to the queue) and wakes the other silos'
/// slots, before Orleans itself stops.
/// </summary>
public sealed partial class SlotWorker(
    ISweepStore store,
    SlotThreads slots,
    ClusterOptions options,
    IGrainFactory grains,
    ILocalSiloDetails local,
    IClusterMembershipService membership,
    RunningTrials running,
    ILogger<SlotWorker> logger) : BackgroundService
{
    private readonly WakeupSignal _wake = new();
    private volatile bool _stopping;

    public void Wake() => _wake.Wake();

    private SiloRef Owner => new(options.Name, local.SiloAddress.ToParsableString(), options.ClusterId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        slots.Freed += Wake;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested && !_stopping)
        {
            var next = _wake.Next();
            var wait = options.PollInterval;
            try
            {
                await ClaimAsync().ConfigureAwait(false);
                failures = 0;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The database is restarting: back off (0.5 s doubling to 10 s) and claim again; the silo stays up.
                failures++;
                LogClaimFailed(e.Message);
                wait = TimeSpan.FromMilliseconds(Math.Min(10_000, 500 * Math.Pow(2, Math.Min(failures - 1, 5))));
            }

            try
            {
                await WakeupSignal.WaitAsync(next, wait, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Stops claiming, hands every running trial back (checkpointed) and wakes the other silos to take them.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        Wake();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        var interrupted = running.InterruptAll();
        try
        {
            await Task.WhenAll(interrupted).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown time ran out (or this is an ungraceful stop): the trials' claims will be requeued
            // when the membership declares this silo dead.
            return;
        }
        if (interrupted.Count > 0)
        {
            LogHandedBack(interrupted.Count);
            SlotsGrain.WakeAll(grains, membership);
        }
    }

    private async Task ClaimAsync()
    {
        while (!_stopping)
        {
            var free = slots.Reserve(options.Slots);
            if (free.Count == 0)
            {
                return;
            }

            IReadOnlyList<TrialLease> leases;
            try
            {
                leases = store.ClaimTrials(Owner, free.Count);
            }
            catch
            {
                foreach (var slot in free)
                {
                    slots.Free(slot);
                }

                throw;
            }

            foreach (var slot in free.Skip(leases.Count))
            {
                slots.Free(slot);
            }

            await Task.WhenAll(leases.Select((lease, i) => StartAsync(lease, free[i]))).ConfigureAwait(false);
            if (leases.Count < free.Count)
            {
                // The queue is empty for now.
                return;
            }
        }
    }

    private async Task StartAsync(TrialLease lease, int slot)
    {
        var claim = new TrialClaim(lease.Ref.SweepId, lease.Ref.TrialId, lease.Ref.Epoch, lease.Phase.ToString(), lease.DefinitionJson,
            Owner.Address, slot);
        slots.Assign(slot, claim.GrainKey);
        var started = false;
        try
        {
            // Pull, don't place: the grain activates on this silo, whose slot claimed it.
            RequestContext.Set(IPlacementDirector.PlacementHintKey, local.SiloAddress);
            started = await grains.GetGrain<ITrialGrain>(claim.GrainKey).Start(claim).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogStartFailed(e, claim.GrainKey);
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }

        // Freed only if the trial's work never began on the slot (a start that failed or landed elsewhere).
        if (!started && slots.Free(slot))
        {
            store.ReleaseLease(lease.Ref);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "claiming trials failed: {Reason}; retrying with backoff")]
    private partial void LogClaimFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "starting trial {Trial} on its slot failed; it goes back to the queue")]
    private partial void LogStartFailed(Exception e, string trial);

    [LoggerMessage(Level = LogLevel.Information, Message = "shutdown: {Count} running trial(s) checkpointed and handed back to the queue")]
    private partial void LogHandedBack(int count);
}
