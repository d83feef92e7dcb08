using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace LrCluster.Silo.Tests;

/// <summary>Watching and stopping sweeps while they run, on a silo whose trials take 2 ms a step.</summary>
public sealed class RunningSweepTests(PacedSiloFactory silo) : IClassFixture<PacedSiloFactory>
{
    [Fact]
    public async Task The_event_stream_reports_progress_and_state_and_ends_with_the_final_state()
    {
        using var client = silo.Api();
        var id = await client.SubmitAsync(Specs.Analytic);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sweeps/{id}/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var timeout = new CancellationTokenSource(Gateway.SweepTimeout);

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await ServerSentEventReader.ReadAllAsync(await response.Content.ReadAsStreamAsync(timeout.Token), timeout.Token);

        var progress = events.Where(e => e.Type == "progress").Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        Assert.True(progress.Count >= 3, $"only {progress.Count} progress events");
        Assert.Contains(progress, p => p.GetProperty("trials").EnumerateArray().Any(t =>
            t.GetProperty("status").GetString() == "running" && t.GetProperty("step").GetInt64() > 0));
        Assert.All(progress, p => Assert.Equal(id, p.GetProperty("sweepId").GetString()));

        var states = events.Where(e => e.Type == "state").Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        var names = states.Select(s => s.GetProperty("state").GetString()).ToList();
        Assert.Equal(names.Distinct().Count(), names.Count);
        Assert.Contains("rangeTest", names);
        Assert.Contains("clr", names);
        Assert.Equal("state", events[^1].Type);
        Assert.Equal("completed", states[^1].GetProperty("state").GetString());
        Assert.True(states[^1].GetProperty("final").GetBoolean());
        Assert.All(states.SkipLast(1), s => Assert.False(s.GetProperty("final").GetBoolean()));
    }

    [Fact]
    public async Task The_event_stream_of_a_finished_sweep_ends_at_once_with_its_final_state()
    {
        using var client = silo.Api();
        var id = await client.SubmitAsync(Specs.Analytic);
        await client.WaitFinalAsync(id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        using var response = await client.GetAsync($"/api/sweeps/{id}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var events = await ServerSentEventReader.ReadAllAsync(await response.Content.ReadAsStreamAsync(timeout.Token), timeout.Token);

        Assert.Equal(["progress", "state"], events.Select(e => e.Type));
        Assert.Equal("completed", JsonDocument.Parse(events[1].Data).RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Cancelling_a_running_sweep_ends_it_cancelled_and_stops_its_trials()
    {
        using var client = silo.Api();
        var id = await client.SubmitAsync(Specs.Long);
        await client.WaitAsync(id, s => s.GetProperty("trials").EnumerateArray().Any(t => t.GetProperty("step").GetInt64() > 0), "a trial making progress");

        using (var decision = await client.GetAsync($"/api/sweeps/{id}/decision"))
        {
            await Gateway.ProblemAsync(decision, HttpStatusCode.NotFound);
        }

        using (var results = await client.GetAsync($"/api/sweeps/{id}/results"))
        {
            await Gateway.ProblemAsync(results, HttpStatusCode.NotFound);
        }

        using var cancel = await client.PostAsync($"/api/sweeps/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", JsonDocument.Parse(await cancel.Content.ReadAsStringAsync()).RootElement.GetProperty("state").GetString());

        var sweep = await client.WaitAsync(id, s => s.GetProperty("trials").EnumerateArray().All(t => t.GetProperty("status").GetString() != "running"),
            "every trial stopping");
        Assert.Equal("cancelled", sweep.GetProperty("state").GetString());
        Assert.Contains(sweep.GetProperty("trials").EnumerateArray(), t => t.GetProperty("status").GetString() == "cancelled");

        // The slots are free again: the next sweep runs to the end.
        var next = await client.SubmitAsync(Specs.Analytic);
        Assert.Equal("completed", (await client.WaitFinalAsync(next)).GetProperty("state").GetString());

        using var again = await client.PostAsync($"/api/sweeps/{id}/cancel", null);
        await Gateway.ProblemAsync(again, HttpStatusCode.Conflict);
    }
}
