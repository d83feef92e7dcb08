using LrCluster.Grains.Metrics;
using LrCluster.Grains.Store;

namespace LrCluster.Silo.Hosting;

/// <summary>Opens and migrates the store, retrying while the database is not reachable yet (it may start after the silo).</summary>
internal static partial class StoreOpener
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(15);

    /// <summary>The open store (timed: <c>lrc_store_operation_duration_seconds</c>), or null when stopped first.</summary>
    public static async Task<ISweepStore?> OpenAsync(string url, ILogger logger, CancellationToken stop)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                return await Task.Run(() => (ISweepStore)new TimedSweepStore(StoreFactory.Open(url)), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not ArgumentException)
            {
                LogStoreUnreachable(logger, StoreFactory.Redact(url), e.Message, delay.TotalSeconds);
            }

            try
            {
                await Task.Delay(delay, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "store {Store} is not reachable: {Reason}; retrying in {Seconds} s")]
    private static partial void LogStoreUnreachable(ILogger logger, string store, string reason, double seconds);
}
