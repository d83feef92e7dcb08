using System.Net;
using LrCluster.Grains;
using LrCluster.Silo.Gateway;
using LrCluster.Silo.Health;
using LrCluster.Silo.Security;
using LrCluster.Training.Runners;
using LrCluster.Training.Torch;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace LrCluster.Silo.Hosting;

/// <summary>Registers everything a silo runs: options, the store holder, the cluster node, the gateway's services and health checks.</summary>
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
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SiloOptions>>().Value.ToClusterOptions());
        services.AddSingleton<SiloRuntime>();
        services.AddSingleton<LiveProgress>();
        services.AddSingleton<ITrainerFactory>(sp =>
        {
            // libtorch's intra-op pool is process-wide: split the cores between the slots, as lrc run does.
            Torch.SetThreads(Math.Max(1, Environment.ProcessorCount / sp.GetRequiredService<ClusterOptions>().Slots));
            return new TorchTrainerFactory();
        });
        services.AddHostedService<SiloService>();
        // The host and Kestrel read their options while the app is built, before RunSiloAsync reports bad settings in
        // one line: read ours leniently here and leave every complaint to the validator.
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
            .AddCheck<StoreStartupCheck>("store", tags: [HealthEndpoints.StartupTag])
            .AddCheck<ReadinessCheck>("heartbeat", tags: [HealthEndpoints.ReadyTag]);
        services.AddLrcOpenApi();
        return builder;
    }
}
