using LrCluster.Silo.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LrCluster.Silo.Health;

/// <summary>Started once the store is open and migrated and Orleans runs (the silo joined, or the gateway's client connected).</summary>
public sealed class StartupCheck(SiloRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(runtime.IsOpen && runtime.IsStarted ? HealthCheckResult.Healthy("store open, Orleans started")
            : HealthCheckResult.Unhealthy(runtime.IsOpen ? "Orleans not started yet" : "store not open yet"));
}
