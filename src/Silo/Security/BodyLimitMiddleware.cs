using LrCluster.Silo.Gateway;
using LrCluster.Silo.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace LrCluster.Silo.Security;

/// <summary>
/// Caps every request body at <see cref="SiloOptions.MaxBodyBytes"/>: a declared length over it is refused with 413
/// before anything is read, and the server's own limit stops a chunked body that grows past it (Kestrel throws a
/// 413 BadHttpRequestException, which the exception handler turns into a problem document).
/// </summary>
public sealed class BodyLimitMiddleware(RequestDelegate next, IOptions<SiloOptions> options)
{
    private readonly int _limit = options.Value.MaxBodyBytes;

    public Task InvokeAsync(HttpContext http)
    {
        if (http.Request.ContentLength > _limit)
        {
            return Problems.Write(http, StatusCodes.Status413PayloadTooLarge, "Payload Too Large",
                $"the request body is {http.Request.ContentLength} bytes; allowed: at most {_limit}");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = _limit;
        }

        return next(http);
    }
}
