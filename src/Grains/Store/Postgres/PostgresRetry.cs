using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;

namespace LrCluster.Grains.Store.Postgres;

/// <summary>
/// Retries an operation while PostgreSQL is briefly unreachable (a restart, a failover, a full connection
/// table), with doubling backoff, for a bounded time. Only connection-level and server-state failures are
/// retried: a constraint violation or a <see cref="LeaseLostException"/> is an answer, not a hiccup.
/// </summary>
internal static class PostgresRetry
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    public static T Run<T>(Func<T> operation, TimeSpan budget, Action onTransient)
    {
        var started = Stopwatch.GetTimestamp();
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                return operation();
            }
            catch (Exception e) when (IsTransient(e) && Stopwatch.GetElapsedTime(started) + delay < budget)
            {
                // After a restart every idle pooled connection is dead; dropping them all at once avoids
                // burning one retry per stale connection.
                onTransient();
                Thread.Sleep(delay);
                delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
            }
        }
    }

    public static bool IsTransient(Exception e) => e switch
    {
        // 57P01..03: the server is shutting down or starting; 08xxx: the connection broke.
        PostgresException pg => pg.IsTransient || pg.SqlState is "57P01" or "57P02" or "57P03" || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npg => npg.IsTransient || npg.InnerException is SocketException or IOException or TimeoutException,
        SocketException => true,
        _ => false,
    };
}
