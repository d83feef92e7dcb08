using LrCluster.Grains;
using LrCluster.Grains.Store;
using LrCluster.Silo.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LrCluster.Silo.Health;

/// <summary>
/// Ready while this silo's own membership row is Active with a heartbeat younger than half the dead-after window:
/// one query that proves both that the store answers and that the trial worker is alive. Not ready once stopping,
/// so traffic moves away before the silo leaves.
/// </summary>
public sealed partial class ReadinessCheck(SiloRuntime runtime, ClusterOptions cluster, IHostApplicationLifetime lifetime, ILogger<ReadinessCheck> logger)
    : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.Run(Check, cancellationToken);

    private HealthCheckResult Check()
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("shutting down");
        }

        if (!runtime.IsOpen)
        {
            return HealthCheckResult.Unhealthy("store not open yet");
        }

        SiloInfo? me;
        try
        {
            me = runtime.Store.ListSilos().FirstOrDefault(s => s.Name == cluster.Name);
        }
        catch (Exception e)
        {
            // The probe is unauthenticated: the reason goes to the log, not to the caller.
            LogStoreFailed(e.Message);
            return HealthCheckResult.Unhealthy("store does not answer");
        }

        if (me is null)
        {
            return HealthCheckResult.Unhealthy("no heartbeat yet");
        }

        if (me.Status != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"silo is {me.Status}");
        }

        var age = DateTimeOffset.UtcNow - me.HeartbeatAt;
        return age <= cluster.DeadAfter / 2
            ? HealthCheckResult.Healthy($"heartbeat {age.TotalSeconds:F1} s ago")
            : HealthCheckResult.Unhealthy($"last heartbeat {age.TotalSeconds:F1} s ago");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "readiness: the store does not answer: {Reason}")]
    private partial void LogStoreFailed(string reason);
}
