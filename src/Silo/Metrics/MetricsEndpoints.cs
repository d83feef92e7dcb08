namespace LrCluster.Silo.Metrics;

/// <summary>
/// <c>GET /metrics</c>: the Prometheus text format 0.0.4, open without a token (Prometheus scrapes it) on the gateway's
/// port; restrict who reaches it with a NetworkPolicy. Not part of the OpenAPI document.
/// </summary>
public static class MetricsEndpoints
{
    public const string Path = "/metrics";

    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapGet(Path, (MetricsScraper scraper) => Results.Text(scraper.Scrape(), PrometheusTextWriter.ContentType))
            .ExcludeFromDescription();
        return app;
    }
}
