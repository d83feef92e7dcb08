using System.Net;

namespace LrCluster.Grains.Hosting;

/// <summary>
/// What Orleans needs beside our own settings: its ports, the address other silos reach this one at, the cluster and
/// service ids, and the failure-detection timings (<see cref="Membership"/>).
/// </summary>
public sealed class OrleansSettings
{
    /// <summary>Silo-to-silo port (<c>--silo-port</c>, <c>LRC_SILO_PORT</c>); 0 picks a free one (an embedded silo).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients connect to (<c>--gateway-port</c>, <c>LRC_GATEWAY_PORT</c>); 0 picks a free one.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at; null: <c>POD_IP</c>, else the first non-loopback IPv4.</summary>
    public IPAddress? AdvertisedAddress { get; set; }

    public string ClusterId { get; set; } = Store.SweepRecord.DefaultCluster;

    public string ServiceId { get; set; } = "lrcluster";

    public MembershipTimings Membership { get; set; } = new();
}
