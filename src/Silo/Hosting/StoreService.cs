using Microsoft.Extensions.Options;

namespace LrCluster.Silo.Hosting;

/// <summary>
/// Registered before Orleans: the host's start waits here until the store is open and migrated (retrying while the
/// database is not up yet), so Orleans starts, and grains activate, only over an open store.
/// </summary>
internal sealed partial class StoreService(SiloRuntime runtime, IOptions<SiloOptions> options, ILogger<StoreService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var store = await StoreOpener.OpenAsync(options.Value.Store!, logger, cancellationToken).ConfigureAwait(false);
        if (store is null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return;
        }

        runtime.Open(store);
        if (options.Value.EffectiveToken() is null)
        {
            LogOpenGateway();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "no token configured (--token or LRC_TOKEN): the /api gateway accepts anyone who can reach it")]
    private partial void LogOpenGateway();
}
