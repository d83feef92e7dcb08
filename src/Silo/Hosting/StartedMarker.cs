namespace LrCluster.Silo.Hosting;

/// <summary>Registered after Orleans, so it starts once the silo is active (or the client connected) and marks the process started.</summary>
internal sealed class StartedMarker(SiloRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        runtime.MarkStarted();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
