using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LrCluster.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class SweepLifecycleTests(SiloFactory silo)
{
    [Fact]
    public async Task A_submitted_spec_runs_to_completion_with_decision_results_trials_and_points()
    {
        using var client = silo.Api();

        using var response = await client.PostAsync("/api/sweeps", Gateway.Yaml(Specs.Analytic, "text/yaml"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = created.GetProperty("id").GetString()!;
        Assert.Matches(new Regex("^analytic-[0-9]{14}-[0-9a-f]{12}$"), id);
        Assert.Equal("analytic", created.GetProperty("name").GetString());
        Assert.Equal("pending", created.GetProperty("state").GetString());
        Assert.Equal($"/api/sweeps/{id}", response.Headers.Location?.OriginalString);

        var sweep = await client.WaitFinalAsync(id);

        Assert.Equal("completed", sweep.GetProperty("state").GetString());
        Assert.Equal("analytic.yaml", sweep.GetProperty("specFile").GetString());
        Assert.Equal(Specs.Analytic, sweep.GetProperty("spec").GetString());
        var trials = sweep.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(
            ["clr-fixed", "clr-one_cycle", "clr-triangular", "rt-base-r0", "rt-base-r1", "rt-base-r2", "rt-big-r0", "rt-big-r1", "rt-big-r2"],
            trials.Select(t => t.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(trials, t =>
        {
            Assert.Contains(t.GetProperty("status").GetString(), new[] { "completed", "diverged" });
            Assert.Equal(silo.SiloName, t.GetProperty("owner").GetString());
            Assert.True(t.GetProperty("epoch").GetInt64() >= 1);
            Assert.True(t.GetProperty("step").GetInt64() > 0);
            Assert.True(t.GetProperty("totalSteps").GetInt64() >= t.GetProperty("step").GetInt64());
        });
        Assert.Equal(6, trials.Count(t => t.GetProperty("phase").GetString() == "rangeTest"));

        var decision = await client.GetJsonAsync($"/api/sweeps/{id}/decision");
        Assert.Contains(decision.GetProperty("chosenCandidate").GetString(), new[] { "base", "big" });
        Assert.Equal(decision.GetProperty("chosenCandidate").GetString(), sweep.GetProperty("decision").GetProperty("chosenCandidate").GetString());
        Assert.Equal(2, decision.GetProperty("candidates").GetArrayLength());

        var results = await client.GetJsonAsync($"/api/sweeps/{id}/results");
        var ranking = results.GetProperty("ranking").EnumerateArray().ToList();
        Assert.Equal(["fixed", "one_cycle", "triangular"], ranking.Select(r => r.GetProperty("config").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(3, sweep.GetProperty("results").GetProperty("ranking").GetArrayLength());

        var points = (await client.GetJsonAsync($"/api/sweeps/{id}/trials/rt-base-r0/points")).EnumerateArray().ToList();
        Assert.InRange(points.Count, 2, 120);
        var steps = points.Select(p => p.GetProperty("step").GetInt64()).ToList();
        Assert.Equal(steps.Order(), steps);
        Assert.All(points, p => Assert.True(p.TryGetProperty("lr", out _) && p.TryGetProperty("loss", out _) && p.TryGetProperty("smoothed", out _)));

        var epochs = (await client.GetJsonAsync($"/api/sweeps/{id}/trials/clr-triangular/epochs")).EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4], epochs.Select(e => e.GetProperty("epoch").GetInt32()));
        Assert.All(epochs, e => Assert.True(e.TryGetProperty("valLoss", out _) && e.TryGetProperty("trainLoss", out _)));
        // Without clr.evaluateEvery, the held-out evaluations are the epoch ends, at growing steps.
        var evaluations = (await client.GetJsonAsync($"/api/sweeps/{id}/trials/clr-triangular/evaluations")).EnumerateArray().ToList();
        Assert.Equal(epochs.Select(e => e.GetProperty("valLoss").GetDouble()), evaluations.Select(e => e.GetProperty("valLoss").GetDouble()));
        var evaluated = evaluations.Select(e => e.GetProperty("step").GetInt64()).ToList();
        Assert.Equal(evaluated.Select((_, i) => evaluated[0] * (i + 1)), evaluated);

        var list = await client.GetJsonAsync("/api/sweeps?limit=1000");
        var listed = Assert.Single(list.EnumerateArray(), s => s.GetProperty("id").GetString() == id);
        Assert.Equal("completed", listed.GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_membership_lists_this_silo_as_active_with_its_slots()
    {
        using var client = silo.Api();

        // Waits for the condition, not for time: a silo on a loaded machine may still be joining when the test starts, and
        // an active silo whose slots grain has not answered yet (its first activation, under load) is listed with 0 slots.
        var me = await client.WaitForAsync("/api/silos", silos => silos.EnumerateArray()
            .Where(s => s.GetProperty("name").GetString() == silo.SiloName && s.GetProperty("status").GetString() == "active"
                && s.GetProperty("slots").GetInt32() > 0)
            .Select(s => (JsonElement?)s).FirstOrDefault(), "this silo to be active in the membership with its slots");

        Assert.Matches(new Regex(@"^\d+\.\d+\.\d+\.\d+:\d+@\d+$"), me.GetProperty("address").GetString());
        Assert.Equal(silo.Slots, me.GetProperty("slots").GetInt32());
    }

    [Fact]
    public async Task The_list_honours_its_limit()
    {
        using var client = silo.Api();
        await client.SubmitAsync(Specs.Analytic);
        await client.SubmitAsync(Specs.Analytic);

        var list = await client.GetJsonAsync("/api/sweeps?limit=1");

        Assert.Equal(1, list.GetArrayLength());
    }
}
