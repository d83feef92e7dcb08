using System.Globalization;
using System.Text.Json;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Store;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace LrCluster.Grains.Membership;

/// <summary>
/// The silos as an operator lists them: Orleans' membership (name, address, status, start and last I-am-alive), each
/// silo's slots, GPUs and gateway URL from its Orleans silo metadata (published once at start), and its busy slots
/// counted from the trials it owns in the store.
/// </summary>
public sealed class SiloDirectory(ISiloMetadataCache metadata, IServiceProvider services)
{
    public const string SlotsKey = "lrc-slots";
    public const string DevicesKey = "lrc-devices";
    public const string GatewayKey = "lrc-gateway";

    /// <summary>The metadata this silo publishes about itself.</summary>
    public static Dictionary<string, string> Describe(ClusterOptions options) => new()
    {
        [SlotsKey] = options.Slots.ToString(CultureInfo.InvariantCulture),
        [DevicesKey] = JsonSerializer.Serialize(options.Devices),
        [GatewayKey] = options.Address,
    };

    public async Task<IReadOnlyList<SiloInfo>> ListAsync(IGrainFactory grains)
    {
        var entries = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        var busy = await Task.Run(services.GetRequiredService<ISweepStore>().RunningTrialsByOwner);
        return entries.OrderBy(e => e.SiloName, StringComparer.Ordinal).ThenBy(e => e.StartTime).Select(e =>
        {
            var address = e.SiloAddress.ToParsableString();
            var meta = metadata.GetSiloMetadata(e.SiloAddress).Metadata;
            var slots = meta.TryGetValue(SlotsKey, out var s) && int.TryParse(s, CultureInfo.InvariantCulture, out var n) ? n : 0;
            var devices = meta.TryGetValue(DevicesKey, out var d) ? JsonSerializer.Deserialize<List<string>>(d) ?? [] : [];
            return new SiloInfo(e.SiloName, address, meta.GetValueOrDefault(GatewayKey, ""), slots, busy.GetValueOrDefault(address), devices,
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
