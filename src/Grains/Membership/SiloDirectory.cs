using LrCluster.Grains.Slots;
using LrCluster.Grains.Store;
using Microsoft.Extensions.DependencyInjection;

namespace LrCluster.Grains.Membership;

/// <summary>
/// The silos as an operator lists them: Orleans' membership (name, address, status, start and last I-am-alive), and
/// each active silo's slots, busy slots, GPUs and gateway URL, asked of the silo itself.
/// </summary>
public sealed class SiloDirectory
{
    public async Task<IReadOnlyList<SiloInfo>> ListAsync(IGrainFactory grains)
    {
        var entries = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false).WaitAsync(TimeSpan.FromSeconds(5));
        var slots = await Task.WhenAll(entries.Select(async e =>
        {
            if (e.Status != SiloStatus.Active)
            {
                return null;
            }

            try
            {
                return await SlotsGrain.DescribeAsync(grains, e.SiloAddress).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A silo that does not answer now shows no slots; its membership entry still tells its state.
                return null;
            }
        }));
        return entries.Zip(slots).OrderBy(p => p.First.SiloName, StringComparer.Ordinal).ThenBy(p => p.First.StartTime).Select(p =>
        {
            var (e, s) = p;
            return new SiloInfo(e.SiloName, e.SiloAddress.ToParsableString(), s?.Gateway ?? "", s?.Slots ?? 0, s?.Busy ?? 0, s?.Devices ?? [],
                new DateTimeOffset(DateTime.SpecifyKind(e.StartTime, DateTimeKind.Utc)), new DateTimeOffset(DateTime.SpecifyKind(e.IAmAliveTime, DateTimeKind.Utc)),
                StatusName(e.Status));
        }).ToList();
    }

    public static string StatusName(SiloStatus status) => status switch
    {
        SiloStatus.Created or SiloStatus.Joining => "joining",
        SiloStatus.Active => "active",
        SiloStatus.ShuttingDown or SiloStatus.Stopping => "shuttingDown",
        _ => "dead",
    };
}
