using LrCluster.Grains.Contracts;
using LrCluster.Grains.Slots;
using LrCluster.Grains.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LrCluster.Grains.Membership;

/// <summary>
/// Orleans declares a silo dead but never reactivates its grains, and reminders tick at most once a minute: so every
/// live silo follows the membership updates, and for each silo newly seen dead it puts that silo's running trials back
/// in the queue (their next claim raises the epoch, so the dead one's last writes are refused should it wake) and
/// resumes the sweeps it coordinated; then it wakes its own slots. Every silo does it: the store updates are
/// idempotent and a resumed coordinator that already runs does nothing.
/// </summary>
public sealed partial class DeadSiloRecovery(
    IClusterMembershipService membership,
    ISweepStore store,
    IGrainFactory grains,
    SlotWorker slots,
    ILogger<DeadSiloRecovery> logger) : BackgroundService
{
    private readonly HashSet<string> _recovered = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken).ConfigureAwait(false))
            {
                await RecoverAsync(snapshot, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RecoverAsync(ClusterMembershipSnapshot snapshot, CancellationToken stoppingToken)
    {
        var dead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress.ToParsableString())
            .Where(a => !_recovered.Contains(a)).ToList();
        var delay = TimeSpan.FromMilliseconds(250);
        while (dead.Count > 0 && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                var requeued = store.RequeueTrialsOf(dead);
                var sweeps = store.SweepsCoordinatedBy(dead);
                foreach (var sweep in sweeps)
                {
                    grains.GetGrain<ISweepGrain>(sweep).Resume().Ignore();
                }

                _recovered.UnionWith(dead);
                if (requeued > 0 || sweeps.Count > 0)
                {
                    LogRecovered(string.Join(", ", dead), requeued, sweeps.Count);
                }

                slots.Wake();
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The store is down: keep trying until it answers (the next snapshot may never come).
                LogRecoveryFailed(e.Message);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "silo(s) {Silos} dead: {Trials} trial(s) back in the queue, {Sweeps} coordinator(s) resumed")]
    private partial void LogRecovered(string silos, int trials, int sweeps);

    [LoggerMessage(Level = LogLevel.Warning, Message = "recovering dead silos' work failed: {Reason}; retrying")]
    private partial void LogRecoveryFailed(string reason);
}
