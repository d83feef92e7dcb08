using System.Net;
using LrCluster.Grains;
using LrCluster.Grains.Hosting;
using LrCluster.Grains.Membership;
using LrCluster.Silo.Gateway;
using LrCluster.Silo.Health;
using LrCluster.Training.Runners;
using LrCluster.Training.Torch;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using OrleansClusterOptions = Orleans.Configuration.ClusterOptions;

namespace LrCluster.Silo.Hosting;

/// <summary>
/// Registers what the process runs: an Orleans silo with our grains (role <c>silo</c>) or an Orleans client of the
/// cluster (role <c>gateway</c>), and beside it the gateway API, health checks and OpenAPI.
/// </summary>
public static class SiloBuilderExtensions
{
    public static WebApplicationBuilder AddLrcSilo(this WebApplicationBuilder builder, SiloFlags flags)
    {
        // Later sources win: appsettings.json < LRC_* variables < flags.
        builder.Configuration.AddInMemoryCollection(LrcEnvironment.Settings(Environment.GetEnvironmentVariables()));
        builder.Configuration.AddInMemoryCollection(flags.Settings);

        var services = builder.Services;
        services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.Section);
        services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        services.AddSingleton<SiloRuntime>();
        services.AddHostedService<StoreService>();

        // Orleans is configured while the host is built; the settings are read leniently here, and RunSiloAsync refuses
        // bad ones (one line naming the flag) before anything starts.
        var settings = SiloOptions.ReadLeniently(builder.Configuration);
        if (settings.IsGateway)
        {
            builder.AddOrleansClient(settings);
        }
        else
        {
            builder.AddOrleansSilo(settings);
        }

        services.AddOptions<HostOptions>().Configure<IConfiguration>((host, config) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(Math.Clamp(SiloOptions.ReadLeniently(config).ShutdownTimeoutSeconds, 1, 3600)));
        services.AddOptions<KestrelServerOptions>().Configure<IConfiguration>((kestrel, config) =>
        {
            var silo = SiloOptions.ReadLeniently(config);
            kestrel.Listen(IPAddress.Any, silo.Port is >= 1 and <= 65535 ? silo.Port : new SiloOptions().Port);
            kestrel.Limits.MaxRequestBodySize = Math.Max(1024, silo.MaxBodyBytes);
            kestrel.AddServerHeader = false;
        });

        services.AddProblemDetails();
        services.AddExceptionHandler<GatewayExceptionHandler>();
        services.ConfigureHttpJsonOptions(json => GatewayJson.Apply(json.SerializerOptions));
        services.AddHealthChecks()
            .AddCheck<StartupCheck>("orleans", tags: [HealthEndpoints.StartupTag])
            .AddCheck<ReadinessCheck>("membership", tags: [HealthEndpoints.ReadyTag]);
        services.AddLrcOpenApi();
        return builder;
    }

    private static void AddOrleansSilo(this WebApplicationBuilder builder, SiloOptions settings)
    {
        var store = settings.Store ?? "";
        builder.Services.AddSingleton<ITrainerFactory>(sp =>
        {
            // libtorch's intra-op pool is process-wide: split the cores between the slots, as lrc run does.
            TorchEngine.SetThreads(Math.Max(1, Environment.ProcessorCount / sp.GetRequiredService<LrCluster.Grains.ClusterOptions>().Slots));
            return new TorchTrainerFactory();
        });
        builder.UseOrleans(silo =>
        {
            silo.UseLrcClustering(store, SafeOrleansSettings(settings));
            // The store is opened (with retries) before the host starts: see RunSiloAsync.
            silo.AddLrcGrains(sp => sp.GetRequiredService<IOptions<SiloOptions>>().Value.ToClusterOptions(), sp => sp.GetRequiredService<SiloRuntime>().Store);
        });
        builder.Services.AddHostedService<StartedMarker>();
    }

    private static void AddOrleansClient(this WebApplicationBuilder builder, SiloOptions settings)
    {
        var orleans = SafeOrleansSettings(settings);
        builder.UseOrleansClient(client =>
        {
            client.Configure<OrleansClusterOptions>(o =>
            {
                o.ClusterId = orleans.ClusterId;
                o.ServiceId = orleans.ServiceId;
            });
            client.Services.AddSingleton<IGatewayListProvider>(sp =>
                new PostgresMembershipTable(sp.GetRequiredService<IOptions<SiloOptions>>().Value.Store ?? "", sp.GetRequiredService<IOptions<OrleansClusterOptions>>()));
            // The cluster may start after the gateway: keep trying to connect instead of failing the process.
            client.UseConnectionRetryFilter(async (_, cancellation) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
                return true;
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        });
        builder.Services.AddHostedService<StartedMarker>();
    }

    private static OrleansSettings SafeOrleansSettings(SiloOptions settings)
    {
        var orleans = settings.ToOrleansSettings();
        orleans.SiloPort = orleans.SiloPort is >= 0 and <= 65535 ? orleans.SiloPort : 0;
        orleans.GatewayPort = orleans.GatewayPort is >= 0 and <= 65535 ? orleans.GatewayPort : 0;
        return orleans;
    }
}
