using System.Net;
using Xunit.Abstractions;

namespace LrCluster.Silo.Tests.Metrics;

/// <summary>A sweep through a paced in-process silo (2 ms a step), watched at /metrics while it runs and after.</summary>
public sealed class MetricsEndpointTests(PacedSiloFactory silo, ITestOutputHelper output) : IClassFixture<PacedSiloFactory>
{
    [Fact]
    public async Task Metrics_are_served_without_a_token_in_the_prometheus_text_format()
    {
        using var anonymous = silo.CreateClient();

        using var response = await anonymous.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE lrc_trials_started_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE lrc_failovers_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("lrc_slots 2\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_sweep_has_per_trial_series_that_vanish_when_it_is_cancelled()
    {
        using var client = silo.Api();
        using var anonymous = silo.CreateClient();
        var id = await client.SubmitAsync(Specs.Long);

        var running = await ScrapeUntilAsync(anonymous, m =>
            m.Find("lrc_trial_step", ("sweep", id)).Count(s => s.Value > 1) == 2 && m.Find("lrc_sweep_info", ("sweep", id)).Any());

        var live = running.Find("lrc_trial_step", ("sweep", id)).First();
        Assert.Matches("^rt-base-r[01]$", live.Labels["trial"]);
        Assert.Equal("range_test", live.Labels["phase"]);
        Assert.Single(running.Find("lrc_trial_lr", ("sweep", id), ("trial", live.Labels["trial"])));
        Assert.Single(running.Find("lrc_trial_smoothed_loss", ("sweep", id), ("trial", live.Labels["trial"])));
        Assert.True(Assert.Single(running.Find("lrc_trial_steps_per_second", ("sweep", id), ("trial", live.Labels["trial"]))).Value > 0);
        Assert.Equal("range_test", Assert.Single(running.Find("lrc_sweep_info", ("sweep", id))).Labels["phase"]);
        Assert.Equal(2, running.Sum("lrc_slots_busy"));
        Assert.True(running.Sum("lrc_trials_running", ("phase", "range_test")) >= 2);
        var cancelledBefore = running.Sum("lrc_trials_finished_total", ("phase", "range_test"), ("outcome", "cancelled"));

        using var cancel = await client.PostAsync($"/api/sweeps/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

        var after = await ScrapeUntilAsync(anonymous, m => !m.Find("lrc_trial_step", ("sweep", id)).Any() && !m.Find("lrc_sweep_info", ("sweep", id)).Any());
        Assert.Empty(after.Find("lrc_trial_lr", ("sweep", id)));
        Assert.Empty(after.Find("lrc_trial_smoothed_loss", ("sweep", id)));
        Assert.Empty(after.Find("lrc_trial_steps_per_second", ("sweep", id)));
        Assert.True(after.Sum("lrc_trials_finished_total", ("phase", "range_test"), ("outcome", "cancelled")) >= cancelledBefore + 2);
    }

    [Fact]
    public async Task A_completed_sweep_shows_in_the_counters_the_cluster_gauges_and_the_gateway_and_passes_promtool()
    {
        using var client = silo.Api();
        using var anonymous = silo.CreateClient();
        var id = await client.SubmitAsync(Specs.Analytic);

        var sweep = await client.WaitFinalAsync(id);
        Assert.Equal("completed", sweep.GetProperty("state").GetString());
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // past the cluster gauges' cache

        var after = await ScrapeAsync(anonymous);
        output.WriteLine(after.Text);

        Assert.Empty(after.Find("lrc_trial_step", ("sweep", id)));
        Assert.Empty(after.Find("lrc_trial_lr", ("sweep", id)));
        Assert.Empty(after.Find("lrc_trial_smoothed_loss", ("sweep", id)));
        Assert.Empty(after.Find("lrc_trial_steps_per_second", ("sweep", id)));
        Assert.Empty(after.Find("lrc_sweep_info", ("sweep", id)));
        Assert.Equal(0, after.Sum("lrc_slots_busy"));
        Assert.Equal(2, after.Sum("lrc_slots"));

        // Counters are process-wide (other test silos add to them): at least this sweep's work.
        Assert.True(after.Sum("lrc_training_steps_total", ("phase", "range_test")) > 0);
        Assert.True(after.Sum("lrc_training_steps_total", ("phase", "clr")) > 0);
        Assert.True(after.Sum("lrc_trials_started_total", ("phase", "range_test")) >= 6);
        Assert.True(after.Sum("lrc_trials_finished_total", ("phase", "range_test"), ("outcome", "completed"))
            + after.Sum("lrc_trials_finished_total", ("phase", "range_test"), ("outcome", "diverged")) >= 6);
        Assert.True(after.Sum("lrc_trials_finished_total", ("phase", "clr"), ("outcome", "completed")) >= 3);
        Assert.Single(after.Find("lrc_trials_finished_total", ("phase", "clr"), ("outcome", "lease_lost")));
        Assert.True(after.Sum("lrc_step_duration_seconds_count", ("phase", "range_test")) > 0);
        Assert.Equal(after.Sum("lrc_step_duration_seconds_count", ("phase", "clr")),
            after.Sum("lrc_step_duration_seconds_bucket", ("phase", "clr"), ("le", "+Inf")));
        Assert.True(after.Sum("lrc_checkpoints_total") >= 3);
        Assert.True(after.Sum("lrc_checkpoint_bytes_total") > 0);
        Assert.True(after.Sum("lrc_store_operation_duration_seconds_count", ("operation", "claim_trials")) > 0);
        Assert.True(after.Sum("lrc_store_operation_duration_seconds_count", ("operation", "write_checkpoint")) > 0);
        Assert.Single(after.Find("lrc_failovers_total"));
        Assert.Single(after.Find("lrc_lease_losses_total", ("kind", "sweep")));

        // The cluster as the store sees it.
        Assert.True(after.Sum("lrc_sweeps", ("state", "completed")) >= 1);
        Assert.Equal(7, after.Find("lrc_sweeps").Count());
        Assert.True(after.Sum("lrc_cluster_silos", ("status", "active")) >= 1);
        Assert.Single(after.Find("lrc_silo_heartbeat_age_seconds", ("silo", silo.SiloName)));
        Assert.NotEmpty(after.Find("lrc_sweep_suggested_lr", ("sweep", id)));
        Assert.Single(after.Find("lrc_sweep_section_lr", ("sweep", id), ("bound", "base")));
        Assert.Single(after.Find("lrc_sweep_section_lr", ("sweep", id), ("bound", "max")));
        Assert.Equal(["fixed", "one_cycle", "triangular"],
            after.Find("lrc_sweep_clr_val_loss", ("sweep", id)).Select(s => s.Labels["config"]).Order(StringComparer.Ordinal));

        // The gateway, by route template, never by raw path.
        Assert.True(after.Sum("lrc_gateway_requests_total", ("route", "/api/sweeps"), ("method", "POST"), ("status", "201")) >= 1);
        Assert.True(after.Sum("lrc_gateway_requests_total", ("route", "/api/sweeps/{id}"), ("method", "GET"), ("status", "200")) >= 1);
        Assert.True(after.Sum("lrc_gateway_requests_total", ("route", "/metrics"), ("method", "GET"), ("status", "200")) >= 1);
        Assert.True(after.Sum("lrc_gateway_request_duration_seconds_count", ("route", "/api/sweeps/{id}"), ("method", "GET")) >= 1);
        Assert.DoesNotContain(after.Samples, s => s.Labels.TryGetValue("route", out var route) && route.Contains(id, StringComparison.Ordinal));

        var check = await Promtool.CheckMetricsAsync(after.Text);
        if (check is null)
        {
            output.WriteLine("promtool is not installed: the lint was skipped (it is required when CI=true)");
            return;
        }

        Assert.True(check.Value.ExitCode == 0 && check.Value.Output.Length == 0,
            $"promtool check metrics exited {check.Value.ExitCode}:\n{check.Value.Output}");
    }

    [Fact]
    public async Task A_request_with_a_bad_token_is_counted_with_its_status_under_its_route_template()
    {
        using var anonymous = silo.CreateClient();
        using var denied = await anonymous.GetAsync("/api/sweeps/no-such-sweep/decision");
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);

        var metrics = await ScrapeAsync(anonymous);

        Assert.True(metrics.Sum("lrc_gateway_requests_total", ("route", "/api/sweeps/{id}/decision"), ("method", "GET"), ("status", "401")) >= 1);
    }

    private static async Task<Exposition> ScrapeUntilAsync(HttpClient client, Func<Exposition, bool> until)
    {
        var deadline = DateTime.UtcNow + Gateway.SweepTimeout;
        while (true)
        {
            var metrics = await ScrapeAsync(client);
            if (until(metrics))
            {
                return metrics;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the metrics did not get there within {Gateway.SweepTimeout}:\n{metrics.Text}");
            await Task.Delay(20);
        }
    }

    private static async Task<Exposition> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        return Exposition.Parse(text);
    }
}
