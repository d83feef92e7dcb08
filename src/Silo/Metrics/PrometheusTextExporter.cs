using System.Globalization;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace LrCluster.Silo.Metrics;

/// <summary>
/// An OpenTelemetry metric exporter that writes what its reader collected into the current scrape's
/// <see cref="PrometheusTextWriter"/>. It is paired with a plain <see cref="BaseExportingMetricReader"/> (no timer), so it
/// exports only when <see cref="MetricsScraper"/> calls the reader's <c>Collect</c> on a scrape, synchronously on the
/// scraping thread; outside a scrape (the provider's final collect on shutdown) it has no target and drops the batch.
/// Monotonic sums become counters named <c>_total</c>, gauges and up-down sums gauges, explicit-bucket histograms
/// histograms. Metrics of a meter tagged with another silo host's instance (several hosts share a process in tests) are
/// left out.
/// </summary>
public sealed class PrometheusTextExporter(string instance) : BaseExporter<Metric>
{
    /// <summary>Where the current scrape is written; null between scrapes.</summary>
    public PrometheusTextWriter? Target { get; set; }

    public override ExportResult Export(in Batch<Metric> batch)
    {
        if (Target is not { } writer)
        {
            return ExportResult.Success;
        }

        foreach (var metric in batch)
        {
            if (OfAnotherHost(metric))
            {
                continue;
            }

            Write(writer, metric);
        }

        return ExportResult.Success;
    }

    private bool OfAnotherHost(Metric metric)
    {
        foreach (var tag in metric.MeterTags ?? [])
        {
            if (tag.Key == SiloMeters.InstanceTag)
            {
                return !Equals(tag.Value, instance);
            }
        }

        return false;
    }

    private static void Write(PrometheusTextWriter writer, Metric metric)
    {
        var type = metric.MetricType switch
        {
            MetricType.LongSum or MetricType.DoubleSum => PrometheusMetricType.Counter,
            MetricType.Histogram => PrometheusMetricType.Histogram,
            MetricType.ExponentialHistogram => (PrometheusMetricType?)null,
            _ => PrometheusMetricType.Gauge,
        };
        if (type is null)
        {
            return;
        }

        var name = metric.Name;
        if (type == PrometheusMetricType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        var declared = false;
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            if (!declared)
            {
                writer.Family(name, type.Value, metric.Description);
                declared = true;
            }

            var labels = Labels(point);
            switch (metric.MetricType)
            {
                case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                    writer.Point(name, labels, point.GetSumLong());
                    break;
                case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                    writer.Point(name, labels, point.GetSumDouble());
                    break;
                case MetricType.LongGauge:
                    writer.Point(name, labels, point.GetGaugeLastValueLong());
                    break;
                case MetricType.DoubleGauge:
                    writer.Point(name, labels, point.GetGaugeLastValueDouble());
                    break;
                default:
                    var buckets = new List<(double, long)>();
                    long cumulative = 0;
                    foreach (var bucket in point.GetHistogramBuckets())
                    {
                        cumulative += bucket.BucketCount;
                        buckets.Add((bucket.ExplicitBound, cumulative));
                    }

                    writer.Histogram(name, labels, buckets, point.GetHistogramSum(), point.GetHistogramCount());
                    break;
            }
        }
    }

    private static List<KeyValuePair<string, string>> Labels(in MetricPoint point)
    {
        var labels = new List<KeyValuePair<string, string>>(point.Tags.Count);
        foreach (var tag in point.Tags)
        {
            var value = tag.Value switch
            {
                null => "",
                string s => s,
                double d => PrometheusTextWriter.Format(d),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? "",
            };
            labels.Add(new KeyValuePair<string, string>(tag.Key, value));
        }

        return labels;
    }
}
