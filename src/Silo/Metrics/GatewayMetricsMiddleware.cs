using System.Diagnostics;

namespace LrCluster.Silo.Metrics;

/// <summary>
/// Times every request and counts it with the route template of the endpoint routing matched (read after the rest of
/// the pipeline ran, so 401s from the token check and problem responses are counted with their final status).
/// </summary>
public sealed class GatewayMetricsMiddleware(RequestDelegate next, GatewayMetrics metrics)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(http).ConfigureAwait(false);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            if (route is not null && !route.StartsWith('/'))
            {
                route = "/" + route;
            }

            metrics.Record(route, http.Request.Method, failed && !http.Response.HasStarted ? StatusCodes.Status500InternalServerError : http.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
