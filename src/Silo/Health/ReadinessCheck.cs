using LrCluster.Silo.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace LrCluster.Silo.Health;

/// <summary>
/// Ready while Orleans runs and, on a silo, its own membership entry is Active, and the store answers. Not ready once
/// stopping (SIGTERM), so traffic moves away before the silo hands its trials back and leaves.
/// </summary>
public sealed partial class ReadinessCheck(SiloRuntime runtime, IHostApplicationLifetime lifetime, IServiceProvider services, ILogger<ReadinessCheck> logger)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("shutting down");
        }

        if (!runtime.IsOpen || !runtime.IsStarted)
        {
            return HealthCheckResult.Unhealthy("not started yet");
        }

        if (services.GetService<ILocalSiloDetails>() is { } local && services.GetService<IClusterMembershipService>() is { } membership)
        {
            var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
            if (status != SiloStatus.Active)
            {
                return HealthCheckResult.Unhealthy($"silo is {status}");
            }
        }

        try
        {
            await Task.Run(() => runtime.Store.ListSweeps(1), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The probe is unauthenticated: the reason goes to the log, not to the caller.
            LogStoreFailed(e.Message);
            return HealthCheckResult.Unhealthy("store does not answer");
        }

        return HealthCheckResult.Healthy("active in the membership, store answers");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "readiness: the store does not answer: {Reason}")]
    private partial void LogStoreFailed(string reason);
}
