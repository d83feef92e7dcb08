using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace LrCluster.Silo.Health;

/// <summary>
/// Kubernetes probes, open without a token: <c>/health/startup</c> (the store is open and Orleans started),
/// <c>/health/ready</c> (active in the membership and the store answers), <c>/health/live</c> (the process answers).
/// </summary>
public static class HealthEndpoints
{
    public const string StartupTag = "startup";
    public const string ReadyTag = "ready";

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/startup", Only(StartupTag));
        app.MapHealthChecks("/health/ready", Only(ReadyTag));

        // Liveness runs no check on purpose: a slow database must not get a healthy process killed.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync });
        return app;
    }

    private static HealthCheckOptions Only(string tag) =>
        new() { Predicate = check => check.Tags.Contains(tag), ResponseWriter = HealthResponse.WriteAsync };
}
