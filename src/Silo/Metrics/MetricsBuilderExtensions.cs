using System.Diagnostics.Metrics;
using LrCluster.Grains;
using LrCluster.Grains.Membership;
using LrCluster.Grains.Metrics;
using LrCluster.Silo.Hosting;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using Npgsql;
using OpenTelemetry.Resources;

namespace LrCluster.Silo.Metrics;

/// <summary>
/// Registers the silo's metrics: its gauges, and one OpenTelemetry MeterProvider over our meters, Orleans'
/// (<c>Microsoft.Orleans</c>), ASP.NET Core's, the runtime's, the process' and Npgsql's, exported by the Prometheus
/// exporter behind <c>/metrics</c> and optionally pushed over OTLP.
/// </summary>
public static class MetricsBuilderExtensions
{
    /// <summary>The meter Orleans' runtime records on; nothing reports on it until the silo hosts Orleans.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    public static WebApplicationBuilder AddLrcMetrics(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var otlp = builder.Configuration.GetSection(OtlpSettings.Section).Get<OtlpSettings>() ?? new OtlpSettings();
        services.AddSingleton<SiloMeters>();
        services.AddSingleton(sp =>
        {
            var runtime = sp.GetRequiredService<SiloRuntime>();
            // The membership for the silo gauges: Orleans' own view (a gateway has no silo directory and reports none).
            var directory = sp.GetService<SiloDirectory>();
            var grains = sp.GetRequiredService<IGrainFactory>();
            var stopping = sp.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            return new ClusterGauges(sp.GetRequiredService<SiloMeters>().Meter, sp.GetService<ClusterOptions>() ?? new ClusterOptions(),
                () => runtime.IsOpen ? runtime.Store : null,
                // Bounded: a scrape (or the exporter's last collect at shutdown) must never wait on a silo that stopped.
                () => directory is not null && runtime.IsStarted && !stopping.IsCancellationRequested
                    ? directory.ListAsync(grains).WaitAsync(TimeSpan.FromSeconds(2)).GetAwaiter().GetResult()
                    : []);
        });
        services.AddHostedService<MetricsService>();
        services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(LrcMetrics.MeterName, SiloMeters.Name, OrleansMeter)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddProcessInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddPrometheusExporter(prometheus => prometheus.ScrapeEndpointPath = MetricsEndpoints.Path);
                // The deferred builder: the view needs this host's IMeterFactory, known once the container is built.
                ((IDeferredMeterProviderBuilder)metrics).Configure((sp, b) =>
                {
                    var own = sp.GetRequiredService<IMeterFactory>();
                    // Read leniently: the endpoint mapping builds the provider before RunSiloAsync reports bad settings in one line.
                    var name = SiloOptions.ReadLeniently(sp.GetRequiredService<IConfiguration>()).EffectiveName();
                    b.ConfigureResource(r => r.AddService("lrc-silo", serviceInstanceId: name));
                    b.AddView(instrument => MetricViews.For(instrument, own));
                });
                if (otlp.Enabled)
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        exporter.Endpoint = new Uri(otlp.Endpoint!);
                        exporter.Protocol = otlp.Protocol.Equals("http/protobuf", StringComparison.OrdinalIgnoreCase)
                            ? OtlpExportProtocol.HttpProtobuf
                            : OtlpExportProtocol.Grpc;
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = Math.Clamp(otlp.IntervalSeconds, 1, 3600) * 1000;
                    });
                }
            });
        return builder;
    }
}
