using LrCluster.Grains;
using LrCluster.Grains.Metrics;
using LrCluster.Grains.Silos;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;
using Microsoft.Extensions.Options;

namespace LrCluster.Silo.Hosting;

/// <summary>
/// Opens the store (retrying while the database is unreachable) and runs this machine's
/// <see cref="ClusterNode"/> until the host stops. Stopping cancels the node, whose workers hand their
/// trial and coordinator leases back and mark the silo Left, so other silos continue at once.
/// </summary>
public sealed partial class SiloService(
    SiloRuntime runtime,
    LiveProgress live,
    IOptions<SiloOptions> options,
    ClusterOptions cluster,
    ITrainerFactory trainers,
    IHostApplicationLifetime lifetime,
    ILogger<SiloService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var url = options.Value.Store!;
        var store = await OpenAsync(url, stoppingToken).ConfigureAwait(false);
        if (store is null)
        {
            return;
        }

        runtime.Open(store);
        if (!await StartedAsync(stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        LogStarted(cluster.Name, cluster.Slots, StoreFactory.Redact(url), options.Value.EffectiveToken() is not null);
        if (options.Value.EffectiveToken() is null)
        {
            LogOpenGateway();
        }

        try
        {
            await new ClusterNode(store, trainers, cluster, live.Record, LogStoreError).RunAsync(stoppingToken).ConfigureAwait(false);
            LogLeft(cluster.Name);
        }
        catch (Exception e)
        {
            // A node that cannot reach its store any more must not look alive: stop, and let the supervisor restart us.
            LogNodeFailed(e);
            runtime.Fail($"cluster node failed: {e.Message}", SiloExitCodes.Failure);
            lifetime.StopApplication();
        }
    }

    /// <summary>
    /// Waits until the host has started (the gateway is listening): a silo whose port is taken must fail without
    /// having joined the membership or claimed any work.
    /// </summary>
    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<ISweepStore?> OpenAsync(string url, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Timed: lrc_store_operation_duration_seconds{operation} covers the node's and the gateway's calls.
                return await Task.Run(() => (ISweepStore)new TimedSweepStore(StoreFactory.Open(url)), CancellationToken.None).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                // A URL the factory refuses will not get better by retrying.
                runtime.Fail(e.Message, SiloExitCodes.InvalidConfiguration);
                lifetime.StopApplication();
                return null;
            }
            catch (Exception e)
            {
                LogStoreUnreachable(StoreFactory.Redact(url), e.Message, delay.TotalSeconds);
            }

            try
            {
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "silo {Name} joined: {Slots} slot(s), store {Store}, token required: {TokenRequired}")]
    private partial void LogStarted(string name, int slots, string store, bool tokenRequired);

    [LoggerMessage(Level = LogLevel.Warning, Message = "no token configured (--token or LRC_TOKEN): the /api gateway accepts anyone who can reach it")]
    private partial void LogOpenGateway();

    [LoggerMessage(Level = LogLevel.Information, Message = "silo {Name} handed its leases back and left the cluster")]
    private partial void LogLeft(string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "store operation failed; retrying with backoff")]
    private partial void LogStoreError(Exception e);

    [LoggerMessage(Level = LogLevel.Critical, Message = "cluster node failed; stopping the silo")]
    private partial void LogNodeFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "store {Store} is not reachable: {Reason}; retrying in {Seconds} s")]
    private partial void LogStoreUnreachable(string store, string reason, double seconds);
}
