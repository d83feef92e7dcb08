using LrCluster.Silo.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LrCluster.Silo.Health;

/// <summary>Started once the store is open and migrated (the silo keeps retrying a database that is not up yet).</summary>
public sealed class StoreStartupCheck(SiloRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(runtime.IsOpen ? HealthCheckResult.Healthy("store open and migrated") : HealthCheckResult.Unhealthy("store not open yet"));
}
