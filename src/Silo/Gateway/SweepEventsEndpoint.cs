using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LrCluster.Grains.Store;
using LrCluster.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace LrCluster.Silo.Gateway;

/// <summary>
/// <c>GET /api/sweeps/{id}/events</c>: server-sent events read from the store, so a client sees trials that run on any
/// silo. A <c>progress</c> event whenever the trials changed (looked at every EventIntervalMs, and repeated every
/// <see cref="KeepAlive"/> so proxies keep the stream open), a <c>state</c> event on every state change, and a final
/// <c>state</c> event once the sweep is completed, failed or cancelled, after which the stream ends.
/// </summary>
public static class SweepEventsEndpoint
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/sweeps/{id}/events", Events).WithName("SweepEvents")
            .WithSummary("Server-sent events: progress and state, ending with the final state.")
            .Produces<ProgressEvent>(StatusCodes.Status200OK, "text/event-stream").ProducesProblem(StatusCodes.Status404NotFound);

    private static IResult Events(string id, SiloRuntime runtime, LiveProgress live, IOptions<SiloOptions> options, IHostApplicationLifetime lifetime, HttpContext http)
    {
        if (SweepEndpoints.Find(id, runtime, out _) is { } problem)
        {
            return problem;
        }

        var interval = TimeSpan.FromMilliseconds(options.Value.EventIntervalMs);
        return TypedResults.ServerSentEvents(Stream(runtime.Store, live, id, interval, lifetime.ApplicationStopping, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> Stream(ISweepStore store, LiveProgress live, string id, TimeSpan interval, CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken aborted = default)
    {
        // A silo that shuts down ends its streams, so they do not hold up the graceful stop.
        using var end = CancellationTokenSource.CreateLinkedTokenSource(stopping, aborted);
        SweepState? lastState = null;
        string? lastProgress = null;
        var lastSent = DateTimeOffset.MinValue;
        while (true)
        {
            var sweep = store.GetSweep(id);
            if (sweep is null)
            {
                yield break;
            }

            var progress = JsonSerializer.Serialize(new ProgressEvent(id, store.ListTrials(id).Select(t => TrialView.From(t, live)).ToList()), GatewayJson.Options);
            var now = DateTimeOffset.UtcNow;
            if (progress != lastProgress || now - lastSent >= KeepAlive)
            {
                lastProgress = progress;
                lastSent = now;
                yield return new SseItem<string>(progress, "progress");
            }

            var final = SweepEndpoints.IsFinal(sweep.State);
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
                await Task.Delay(interval, end.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }
}
