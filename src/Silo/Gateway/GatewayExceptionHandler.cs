using System.Text;
using System.Text.Json;
using LrCluster.Silo.Hosting;
using Microsoft.AspNetCore.Diagnostics;

namespace LrCluster.Silo.Gateway;

/// <summary>
/// The last word on failures: malformed requests are 400 (or the status the server chose, such as 413), a closed
/// store is 503, and anything else is a 500 problem that carries no exception text or stack trace (those go to the
/// log only, where the operator, not the caller, reads them).
/// </summary>
public sealed partial class GatewayExceptionHandler(IProblemDetailsService problems, ILogger<GatewayExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload Too Large" : "Bad Request", bad.Message),
            JsonException or FormatException or DecoderFallbackException => (StatusCodes.Status400BadRequest, "Bad Request", "the request is malformed"),
            StoreUnavailableException unavailable => (StatusCodes.Status503ServiceUnavailable, "Service Unavailable", unavailable.Message),
            // No silo reachable yet (a gateway before the cluster is up, a silo still joining): the client retries.
            Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException or Orleans.Runtime.GatewayTooBusyException
                => (StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "the cluster is not reachable right now; retry shortly"),
            _ => (StatusCodes.Status500InternalServerError, "Internal Server Error", "the silo failed to handle this request; see its log"),
        };

        if (status >= 500 && status != StatusCodes.Status503ServiceUnavailable)
        {
            LogUnhandled(http.Request.Method, http.Request.Path, exception);
        }

        if (http.Response.HasStarted)
        {
            // A stream (server-sent events) already sent its headers; the connection is all there is to close.
            return false;
        }

        http.Response.Clear();
        http.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = "5";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private partial void LogUnhandled(string method, string path, Exception e);
}
