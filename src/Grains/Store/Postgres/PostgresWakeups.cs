using Npgsql;

namespace LrCluster.Grains.Store.Postgres;

/// <summary>
/// Push wake-ups over PostgreSQL <c>LISTEN/NOTIFY</c>: one dedicated connection listens on
/// <see cref="Channel"/>, and every notification wakes all waiters of its kind at once (the payload names the
/// <see cref="Wakeup"/>; an unknown one wakes every kind). A lost connection is reopened with backoff; meanwhile
/// waiters fall back to their poll timeout, so a notification can only make a silo faster, never stall it.
/// </summary>
internal sealed class PostgresWakeups : IDisposable
{
    private readonly string _connectionString;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly WakeupSignal _work = new();
    private readonly WakeupSignal _progress = new();
    private Task? _listener;

    public PostgresWakeups(string connectionString)
    {
        // Its own unpooled connection: a connection that has run LISTEN must never go back to the pool, whose
        // connections skip the session reset (PostgresSweepStore.Tuned) and would keep receiving notifications.
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
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

    /// <summary>The NOTIFY statement that wakes <paramref name="kind"/>, or both kinds for null (the payload is a fixed word, never input).</summary>
    public string NotifySql(Wakeup? kind) => $"NOTIFY {Channel}, '{(kind is { } k ? Payload(k) : "all")}'";

    public Task Next(Wakeup kind)
    {
        lock (_gate)
        {
            _listener ??= Task.Run(ListenAsync);
        }

        return (kind == Wakeup.Work ? _work : _progress).Next();
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

    private static string Payload(Wakeup kind) => kind == Wakeup.Work ? "work" : "progress";

    private void Wake(string payload)
    {
        if (payload != Payload(Wakeup.Progress))
        {
            _work.Wake();
        }

        if (payload != Payload(Wakeup.Work))
        {
            _progress.Wake();
        }
    }

    private async Task ListenAsync()
    {
        var failures = 0;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync(_stop.Token).ConfigureAwait(false);
                connection.Notification += (_, e) => Wake(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(_stop.Token).ConfigureAwait(false);
                }

                failures = 0;
                // Anything may have happened while we were not listening.
                Wake(string.Empty);
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
