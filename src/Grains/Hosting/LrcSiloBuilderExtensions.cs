using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using LrCluster.Grains.Membership;
using LrCluster.Grains.Slots;
using LrCluster.Grains.Store;
using LrCluster.Grains.Sweeps;
using LrCluster.Grains.Trials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using OrleansClusterOptions = Orleans.Configuration.ClusterOptions;

namespace LrCluster.Grains.Hosting;

/// <summary>
/// What makes an Orleans silo an LrCluster silo: the grains' services (the store, slots, the trial host, the dead-silo
/// recovery), the silo's metadata, and clustering: our PostgreSQL membership table for a cluster, localhost clustering
/// for a store that no other process shares (SQLite, <c>lrc run</c>). One code path for <c>lrc-silo</c>, <c>lrc run</c>
/// and the tests.
/// </summary>
public static class LrcSiloBuilderExtensions
{
    /// <summary>Registers our grains' services over an open, migrated store that the caller keeps and disposes.</summary>
    public static ISiloBuilder AddLrcGrains(this ISiloBuilder silo, ClusterOptions options, ISweepStore store)
    {
        silo.Services.AddSingleton(store);
        silo.Services.AddSingleton(options);
        return silo.AddLrcGrainServices();
    }

    /// <summary>
    /// Registers our grains' services with the store and our options resolved when first needed (a web host binds its
    /// settings after this runs); the host disposes the store.
    /// </summary>
    public static ISiloBuilder AddLrcGrains(this ISiloBuilder silo, Func<IServiceProvider, ClusterOptions> options, Func<IServiceProvider, ISweepStore> store)
    {
        silo.Services.AddSingleton(store);
        silo.Services.AddSingleton(options);
        return silo.AddLrcGrainServices();
    }

    private static ISiloBuilder AddLrcGrainServices(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddSingleton(sp => sp.GetRequiredService<ClusterOptions>() is var o ? new SlotThreads(o.Slots, o.Name) : null!);
        services.AddSingleton<TrialEvents>();
        services.AddSingleton<RunningTrials>();
        services.AddSingleton<SweepSpecs>();
        services.AddSingleton<TrialHost>();
        services.AddSingleton<SweepWatchers>();
        services.AddSingleton<SiloDirectory>();
        services.AddSingleton<SlotWorker>();
        // After UseOrleans, so they start once the silo is active and stop (handing trials back) before it stops.
        services.AddSingleton<DeadSiloRecovery>();
        services.AddHostedService<StartedLater<SlotWorker>>();
        services.AddHostedService<StartedLater<DeadSiloRecovery>>();
        services.AddOptions<SiloOptions>().Configure<ClusterOptions>((o, ours) => o.SiloName = ours.Name);
        silo.AddGrainDirectory(TrialDirectory.Name, static (_, _) => new TrialDirectory());
        return silo;
    }

    /// <summary>Clustering for <paramref name="storeUrl"/>: our membership table on PostgreSQL, else localhost clustering.</summary>
    public static ISiloBuilder UseLrcClustering(this ISiloBuilder silo, string storeUrl, OrleansSettings settings)
    {
        silo.Configure<OrleansClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = settings.Membership.ProbeTimeout;
            o.NumMissedProbesLimit = settings.Membership.MissedProbes;
            o.TableRefreshTimeout = settings.Membership.TableRefreshTimeout;
        });
        if (IsPostgres(storeUrl))
        {
            silo.ConfigureEndpoints(settings.AdvertisedAddress ?? AdvertisedAddress(), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            silo.Services.AddSingleton<IMembershipTable>(sp => new PostgresMembershipTable(storeUrl, sp.GetRequiredService<IOptions<OrleansClusterOptions>>()));
        }
        else
        {
            silo.UseLocalhostClustering(Free(settings.SiloPort), Free(settings.GatewayPort), serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }

        return silo;
    }

    public static bool IsPostgres(string storeUrl) =>
        storeUrl.StartsWith("postgres://", StringComparison.Ordinal) || storeUrl.StartsWith("postgresql://", StringComparison.Ordinal)
        || storeUrl.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>POD_IP</c> when set (Kubernetes' downward API), else the first non-loopback IPv4 of an interface that is up.</summary>
    public static IPAddress AdvertisedAddress()
    {
        if (Environment.GetEnvironmentVariable("POD_IP") is { Length: > 0 } pod && IPAddress.TryParse(pod, out var ip))
        {
            return ip;
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)) ?? IPAddress.Loopback;
    }

    /// <summary>A free TCP port on loopback for 0, else the port: two embedded silos on one machine never collide.</summary>
    public static int Free(int port)
    {
        if (port != 0)
        {
            return port;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
