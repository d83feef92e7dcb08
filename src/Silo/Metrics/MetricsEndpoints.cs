namespace LrCluster.Silo.Metrics;

/// <summary>
/// <c>GET /metrics</c>: OpenTelemetry's Prometheus exporter (text format 0.0.4, or OpenMetrics when the scraper asks for
/// it), open without a token (Prometheus scrapes it) on the gateway's port; restrict who reaches it with a
/// NetworkPolicy. Not part of the OpenAPI document.
/// </summary>
public static class MetricsEndpoints
{
    public const string Path = "/metrics";

    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(Path).ExcludeFromDescription();
        return app;
    }
}
