using LrCluster.Grains;
using LrCluster.Grains.Membership;
using LrCluster.Grains.Metrics;
using LrCluster.Silo.Hosting;

namespace LrCluster.Silo.Metrics;

/// <summary>Registers the silo's metrics: its meters and gauges, the OpenTelemetry providers behind <c>/metrics</c>, optional OTLP push.</summary>
public static class MetricsBuilderExtensions
{
    public static WebApplicationBuilder AddLrcMetrics(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<SiloMeters>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(OtlpSettings.Section).Get<OtlpSettings>() ?? new OtlpSettings());
        services.AddSingleton<MetricsScraper>();
        services.AddSingleton(sp =>
        {
            var runtime = sp.GetRequiredService<SiloRuntime>();
            var meters = sp.GetRequiredService<SiloMeters>();
            // The membership for the silo gauges: Orleans' own view (a gateway has no silo directory and reports none).
            var directory = sp.GetService<SiloDirectory>();
            var grains = sp.GetRequiredService<IGrainFactory>();
            var stopping = sp.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            return new ClusterGauges(meters.Live, sp.GetService<ClusterOptions>() ?? new ClusterOptions(),
                () => runtime.IsOpen ? runtime.Store : null,
                // Bounded: a scrape (or the exporter's last collect at shutdown) must never wait on a silo that stopped.
                () => directory is not null && runtime.IsStarted && !stopping.IsCancellationRequested
                    ? directory.ListAsync(grains).WaitAsync(TimeSpan.FromSeconds(2)).GetAwaiter().GetResult()
                    : []);
        });
        services.AddHostedService<MetricsService>();
        return builder;
    }
}
