using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LrCluster.Grains.Contracts;
using LrCluster.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace LrCluster.Silo.Gateway;

/// <summary>
/// <c>GET /api/sweeps/{id}/events</c>: server-sent events read through the grains, so a client sees trials that run on
/// any silo. A <c>progress</c> event whenever the trials changed (looked at every EventIntervalMs, and repeated every
/// <see cref="KeepAlive"/> so proxies keep the stream open), a <c>state</c> event on every state change, and a final
/// <c>state</c> event once the sweep is completed, failed or cancelled, after which the stream ends. Between two looks
/// at the trials the sweep's own row is looked at every <see cref="StatePoll"/> (one row, not every trial), so a watcher
/// such as <c>lrc submit --watch</c> learns of the end within that, not within a whole interval.
/// </summary>
public static class SweepEventsEndpoint
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StatePoll = TimeSpan.FromMilliseconds(100);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/sweeps/{id}/events", EventsAsync).WithName("SweepEvents")
            .WithSummary("Server-sent events: progress and state, ending with the final state.")
            .Produces<ProgressEvent>(StatusCodes.Status200OK, "text/event-stream").ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> EventsAsync(string id, IGrainFactory grains, IOptions<SiloOptions> options, IHostApplicationLifetime lifetime, HttpContext http)
    {
        if ((await SweepEndpoints.FindAsync(id, grains).ConfigureAwait(false)).Problem is { } problem)
        {
            return problem;
        }

        var interval = TimeSpan.FromMilliseconds(options.Value.EventIntervalMs);
        return TypedResults.ServerSentEvents(Stream(grains.Query(), id, interval, lifetime.ApplicationStopping, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> Stream(ISweepQueryGrain query, string id, TimeSpan interval, CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken aborted = default)
    {
        // A silo that shuts down ends its streams, so they do not hold up the graceful stop.
        using var end = CancellationTokenSource.CreateLinkedTokenSource(stopping, aborted);
        SweepState? lastState = null;
        string? lastProgress = null;
        var lastSent = DateTimeOffset.MinValue;
        while (true)
        {
            var sweep = await query.GetSweep(id).ConfigureAwait(false);
            if (sweep is null)
            {
                yield break;
            }

            var trials = await query.ListTrials(id).ConfigureAwait(false);
            var progress = JsonSerializer.Serialize(new ProgressEvent(id, trials.Select(TrialView.From).ToList()), GatewayJson.Options);
            var now = DateTimeOffset.UtcNow;
            if (progress != lastProgress || now - lastSent >= KeepAlive)
            {
                lastProgress = progress;
                lastSent = now;
                yield return new SseItem<string>(progress, "progress");
            }

            var final = sweep.IsFinal;
            if (sweep.State != lastState)
            {
                lastState = sweep.State;
                yield return new SseItem<string>(JsonSerializer.Serialize(new StateEvent(id, sweep.State, sweep.Error, final), GatewayJson.Options), "state");
            }

            if (final)
            {
                yield break;
            }

            try
            {
                await UntilStateChangesAsync(query, id, sweep.State, interval, end.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    /// <summary>Waits <paramref name="interval"/>, or less: until the sweep's state is no longer <paramref name="state"/>.</summary>
    private static async Task UntilStateChangesAsync(ISweepQueryGrain query, string id, SweepState state, TimeSpan interval, CancellationToken cancellation)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed + StatePoll < interval)
        {
            await Task.Delay(StatePoll, cancellation).ConfigureAwait(false);
            if ((await query.GetSweep(id).ConfigureAwait(false))?.State != state)
            {
                return;
            }
        }

        var rest = interval - clock.Elapsed;
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, cancellation).ConfigureAwait(false);
        }
    }
}
