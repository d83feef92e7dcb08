using LrCluster.Silo.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LrCluster.Silo.Security;

/// <summary>
/// Guards <c>/api</c> (by path and by <see cref="RequiresToken"/> metadata): with a token configured, a request needs <c>Authorization: Bearer &lt;token&gt;</c>, else 401 with
/// <c>WWW-Authenticate: Bearer</c> and a problem body. It runs before the endpoint, so an unauthenticated caller learns
/// nothing about routes or ids (no 400 or 404 before the 401).
/// </summary>
public sealed class BearerTokenMiddleware(RequestDelegate next, IOptions<SiloOptions> options, IProblemDetailsService problems)
{
    private readonly TokenComparer? _token = options.Value.EffectiveToken() is { } token ? new TokenComparer(token) : null;

    public async Task InvokeAsync(HttpContext http)
    {
        // The path covers unknown /api routes (401, not 404); the metadata covers any spelling routing still matched.
        var guarded = http.Request.Path.StartsWithSegments("/api") || http.GetEndpoint()?.Metadata.GetMetadata<RequiresToken>() is not null;
        if (_token is null || !guarded)
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var presented = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header.AsSpan(scheme.Length).Trim() : [];
        if (presented.Length > 0 && _token.Matches(presented))
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers[HeaderNames.WWWAuthenticate] = header.Length == 0 ? "Bearer" : "Bearer error=\"invalid_token\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = header.Length == 0
                    ? "this gateway requires Authorization: Bearer <token>"
                    : "the bearer token is missing or not valid",
            },
        }).ConfigureAwait(false);
    }
}
