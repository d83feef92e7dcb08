using LrCluster.Grains.Metrics;

namespace LrCluster.Silo.Metrics;

/// <summary>
/// Starts metrics with the host, after the settings were checked: builds the MeterProviders (so counts from the first
/// trial on are kept, scraped or not) and registers the silo's gauges.
/// </summary>
public sealed class MetricsService(MetricsScraper scraper, ClusterGauges gauges) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(scraper);
        GC.KeepAlive(gauges);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
