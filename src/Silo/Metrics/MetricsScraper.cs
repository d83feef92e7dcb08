using System.Globalization;
using LrCluster.Grains.Metrics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace LrCluster.Silo.Metrics;

/// <summary>
/// The OpenTelemetry SDK side of <c>/metrics</c>: two MeterProviders, each with a pull-only reader (a
/// <see cref="BaseExportingMetricReader"/> with no timer) over a <see cref="PrometheusTextExporter"/>. A scrape collects
/// both, one at a time, into one text. The cumulative provider reads the grains' counters and histograms and the
/// gateway's; the delta provider reads the live gauges, so a trial, sweep or silo that is no longer reported is
/// forgotten (with cumulative temporality the SDK would keep every series it ever saw, up to its cardinality limit).
/// With <see cref="OtlpSettings.Enabled"/> both providers also push over OTLP.
/// </summary>
public sealed class MetricsScraper : IDisposable
{
    private readonly Lock _gate = new();
    private readonly PrometheusTextExporter _cumulativeExporter;
    private readonly PrometheusTextExporter _liveExporter;
    private readonly BaseExportingMetricReader _cumulative;
    private readonly BaseExportingMetricReader _live;
    private readonly MeterProvider _cumulativeProvider;
    private readonly MeterProvider _liveProvider;

    public MetricsScraper(SiloMeters meters, OtlpSettings otlp)
    {
        _cumulativeExporter = new PrometheusTextExporter(meters.Instance);
        _liveExporter = new PrometheusTextExporter(meters.Instance);
        _cumulative = new BaseExportingMetricReader(_cumulativeExporter) { TemporalityPreference = MetricReaderTemporalityPreference.Cumulative };
        _live = new BaseExportingMetricReader(_liveExporter) { TemporalityPreference = MetricReaderTemporalityPreference.Delta };
        _cumulativeProvider = Otlp(Sdk.CreateMeterProviderBuilder().AddMeter(LrcMetrics.MeterName, SiloMeters.CumulativeName).AddReader(_cumulative),
            otlp, MetricReaderTemporalityPreference.Cumulative).Build();
        _liveProvider = Otlp(Sdk.CreateMeterProviderBuilder().AddMeter(SiloMeters.LiveName).AddReader(_live),
            otlp, MetricReaderTemporalityPreference.Delta).Build();
        LrcMetrics.Touch();
    }

    /// <summary>Collects every metric of this silo and returns it in the Prometheus text format 0.0.4.</summary>
    public string Scrape()
    {
        lock (_gate)
        {
            using var text = new StringWriter(CultureInfo.InvariantCulture);
            var writer = new PrometheusTextWriter(text);
            Collect(_cumulative, _cumulativeExporter, writer);
            Collect(_live, _liveExporter, writer);
            return text.ToString();
        }
    }

    public void Dispose()
    {
        _cumulativeProvider.Dispose();
        _liveProvider.Dispose();
    }

    private static void Collect(MetricReader reader, PrometheusTextExporter exporter, PrometheusTextWriter writer)
    {
        exporter.Target = writer;
        try
        {
            reader.Collect();
        }
        finally
        {
            exporter.Target = null;
        }
    }

    private static MeterProviderBuilder Otlp(MeterProviderBuilder builder, OtlpSettings otlp, MetricReaderTemporalityPreference temporality)
    {
        if (!otlp.Enabled)
        {
            return builder;
        }

        return builder.AddOtlpExporter((exporter, reader) =>
        {
            exporter.Endpoint = new Uri(otlp.Endpoint!);
            exporter.Protocol = otlp.Protocol.Equals("http/protobuf", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            reader.TemporalityPreference = temporality;
            reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = Math.Clamp(otlp.IntervalSeconds, 1, 3600) * 1000;
        });
    }
}
