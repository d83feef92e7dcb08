using System.Net;
using System.Text;
using System.Text.Json;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LrCluster.Silo.Tests;

/// <summary>
/// SIGTERM, in the order a pod's stop needs: the host's stopping token fires (what the signal does), and from then on
/// readiness is off and new sweeps are refused; the host then stops its services, and the silo hands its running trial
/// back to the queue checkpointed at the step it stopped at, before Orleans itself stops (the web server stops last).
/// The test holds the trial inside a training step while it looks, so the stop cannot finish under it.
/// </summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task On_sigterm_readiness_goes_off_submissions_are_refused_and_the_running_trial_goes_back_checkpointed()
    {
        using var silo = new GatedSiloFactory();
        using var client = silo.Api();
        var id = await client.SubmitAsync(Specs.Long);
        var before = await client.WaitForAsync($"/api/sweeps/{id}", s => s.GetProperty("trials").EnumerateArray()
            .Where(t => t.GetProperty("status").GetString() == "running" && t.GetProperty("step").GetInt64() > 20)
            .Select(t => (JsonElement?)t).FirstOrDefault(), "a trial training");
        var trialId = before.GetProperty("id").GetString()!;
        var lifetime = silo.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopped = new TaskCompletionSource();
        using var onStopped = lifetime.ApplicationStopped.Register(() => stopped.TrySetResult());

        await silo.Gate.HoldAsync(Gateway.SweepTimeout);
        try
        {
            lifetime.StopApplication();

            using (var ready = await client.GetAsync("/health/ready"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            }

            using var refused = await client.PostAsync("/api/sweeps", new StringContent(Specs.Analytic, Encoding.UTF8, "application/yaml"));
            var problem = await Gateway.ProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("shutting down", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.False(stopped.Task.IsCompleted, "the silo stopped while its trial was still inside a step");
        }
        finally
        {
            silo.Gate.Release();
        }

        await stopped.Task.WaitAsync(Gateway.SweepTimeout);

        using var store = new SqliteSweepStore(silo.StorePath);
        var trial = store.ListTrials(id).Single(t => t.Id == trialId);
        var checkpoint = store.ReadCheckpoint(id, trialId);
        Assert.Equal((TrialStatus.Pending, (string?)null), (trial.Status, trial.Owner));
        Assert.NotNull(checkpoint);
        // Checkpointed where it stopped, past the step seen before the stop (the periodic checkpoints come every 200 steps).
        Assert.True(checkpoint.NextStep >= before.GetProperty("step").GetInt64(), $"checkpoint at {checkpoint.NextStep}, the trial was at {before}");
        Assert.Equal(checkpoint.NextStep, store.ReadPoints(id, trialId).Count);
    }
}
