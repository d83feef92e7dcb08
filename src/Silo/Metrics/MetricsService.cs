using LrCluster.Grains.Metrics;

namespace LrCluster.Silo.Metrics;

/// <summary>
/// Starts metrics with the host, after OpenTelemetry's own hosted service built the MeterProvider: registers the silo's
/// gauges and gives every bounded counter series its 0, so a dashboard's rate() sees 0 instead of no data.
/// </summary>
public sealed class MetricsService(ClusterGauges gauges) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(gauges);
        LrcMetrics.Touch();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
