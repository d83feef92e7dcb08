using Npgsql;

namespace LrCluster.Grains.Store.Postgres;

/// <summary>
/// Push wake-ups over PostgreSQL <c>LISTEN/NOTIFY</c>: one dedicated connection listens on
/// <see cref="Channel"/>, and every notification completes the current generation's task, waking all
/// waiters at once. A lost connection is reopened with backoff; meanwhile waiters fall back to their
/// poll timeout, so a notification can only make a silo faster, never stall it.
/// </summary>
internal sealed class PostgresWakeups : IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _generation = NewGeneration();
    private Task? _listener;

    public PostgresWakeups(NpgsqlDataSource dataSource, string connectionString)
    {
        _dataSource = dataSource;
        Channel = ChannelFor(connectionString);
    }

    /// <summary>NOTIFY is database-wide; stores on different schemas of one database (tests, tenants) get their own channel.</summary>
    public string Channel { get; }

    public static string ChannelFor(string connectionString)
    {
        var schema = new NpgsqlConnectionStringBuilder(connectionString).SearchPath;
        if (string.IsNullOrWhiteSpace(schema))
        {
            return "lrc_work";
        }

        var safe = new string(schema.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '_').ToArray());
        return ("lrc_work_" + safe)[..Math.Min(63, 9 + safe.Length)];
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        Task woken;
        lock (_gate)
        {
            _listener ??= Task.Run(ListenAsync);
            woken = _generation.Task;
        }

        await Task.WhenAny(woken, Task.Delay(timeout, cancellation)).ConfigureAwait(false);
        cancellation.ThrowIfCancellationRequested();
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _listener?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private static TaskCompletionSource NewGeneration() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Wake()
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            woken = _generation;
            _generation = NewGeneration();
        }

        woken.TrySetResult();
    }

    private async Task ListenAsync()
    {
        var failures = 0;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(_stop.Token).ConfigureAwait(false);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(_stop.Token).ConfigureAwait(false);
                }

                failures = 0;
                // Work may have been queued while we were not listening.
                Wake();
                while (!_stop.IsCancellationRequested)
                {
                    await connection.WaitAsync(_stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                failures++;
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(10_000, 250 * Math.Pow(2, Math.Min(failures, 6)))), _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
