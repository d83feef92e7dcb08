using System.Diagnostics.Metrics;
using System.Globalization;

namespace LrCluster.Silo.Metrics;

/// <summary>
/// <c>lrc_gateway_requests_total{route,method,status}</c> and <c>lrc_gateway_request_duration_seconds{route,method}</c>.
/// Labels are bounded: the route is the matched endpoint's template (<c>/api/sweeps/{id}</c>, never the raw path;
/// <c>unmatched</c> when no endpoint matched), the method one of the standard ones or <c>OTHER</c>.
/// </summary>
public sealed class GatewayMetrics
{
    public const string Unmatched = "unmatched";

    /// <summary>Request durations: 1 ms to 60 s (event streams stay open long).</summary>
    public static readonly double[] Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal) { "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS" };

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;

    public GatewayMetrics(SiloMeters meters)
    {
        _requests = meters.Cumulative.CreateCounter<long>("lrc_gateway_requests", "{request}", "HTTP requests served by this silo, by route template, method and status.");
        _duration = meters.Cumulative.CreateHistogram("lrc_gateway_request_duration_seconds", "s", "HTTP request duration by route template and method.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
    }

    public void Record(string? route, string method, int status, double seconds)
    {
        var routeTag = new KeyValuePair<string, object?>("route", string.IsNullOrEmpty(route) ? Unmatched : route);
        var methodTag = new KeyValuePair<string, object?>("method", Methods.Contains(method) ? method : "OTHER");
        _requests.Add(1, routeTag, methodTag, new KeyValuePair<string, object?>("status", status.ToString(CultureInfo.InvariantCulture)));
        _duration.Record(seconds, routeTag, methodTag);
    }
}
