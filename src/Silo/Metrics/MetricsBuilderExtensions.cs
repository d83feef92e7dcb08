using System.Diagnostics.Metrics;
using LrCluster.Grains;
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
            return new ClusterGauges(sp.GetRequiredService<SiloMeters>().Meter, sp.GetRequiredService<ClusterOptions>(),
                () => runtime.IsOpen ? runtime.Store : null);
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
