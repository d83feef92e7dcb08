using System.Net;
using Xunit.Abstractions;

namespace LrCluster.Silo.Tests.Metrics;

/// <summary>A sweep through a paced in-process silo (2 ms a step), watched at /metrics (OpenTelemetry's Prometheus exporter) while it runs and after.</summary>
public sealed class MetricsEndpointTests(PacedSiloFactory silo, ITestOutputHelper output) : IClassFixture<PacedSiloFactory>
{
    [Fact]
    public async Task Metrics_are_served_without_a_token_in_the_prometheus_text_format_with_help_for_our_families()
    {
        using var anonymous = silo.CreateClient();

        using var response = await anonymous.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE lrc_trials_started_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# HELP lrc_trials_started_total ", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE lrc_step_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("# HELP lrc_slots ", text, StringComparison.Ordinal);
        var metrics = Exposition.Parse(text);
        Assert.Equal(2, metrics.Sum("lrc_slots"));
        Assert.Equal(silo.SiloName, Assert.Single(metrics.Find("target_info")).Labels["service_instance_id"]);
    }

    [Fact]
    public async Task A_running_sweep_is_counted_in_bounded_series_that_fall_back_when_it_is_cancelled()
    {
        using var client = silo.Api();
        using var anonymous = silo.CreateClient();
        var id = await client.SubmitAsync(Specs.Long);

        var running = await ScrapeUntilAsync(anonymous, m =>
            m.Sum("lrc_slots_busy") == 2 && m.Sum("lrc_trials", ("phase", "range_test"), ("status", "running")) >= 2);

        Assert.True(running.Sum("lrc_trials_running", ("phase", "range_test")) >= 2);
        Assert.True(running.Sum("lrc_sweeps", ("state", "range_test")) >= 1);
        Assert.DoesNotContain(running.Samples, s => s.Labels.Values.Any(v => v.Contains(id, StringComparison.Ordinal)));
        var cancelledBefore = running.Sum("lrc_trials_finished_total", ("phase", "range_test"), ("outcome", "cancelled"));

        using var cancel = await client.PostAsync($"/api/sweeps/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

        var after = await ScrapeUntilAsync(anonymous, m =>
            m.Sum("lrc_slots_busy") == 0 && m.Sum("lrc_trials_finished_total", ("phase", "range_test"), ("outcome", "cancelled")) >= cancelledBefore + 2);
        Assert.Equal(0, after.Sum("lrc_trials_running"));
    }

    [Fact]
    public async Task A_completed_sweep_shows_in_the_counters_the_cluster_gauges_and_the_http_metrics_and_passes_promtool()
    {
        using var client = silo.Api();
        using var anonymous = silo.CreateClient();
        var id = await client.SubmitAsync(Specs.Analytic);

        var sweep = await client.WaitFinalAsync(id);
        Assert.Equal("completed", sweep.GetProperty("state").GetString());
        // The cluster gauges read the store at most every 2 s: wait until they saw the end.
        var after = await ScrapeUntilAsync(anonymous, m => m.Sum("lrc_sweeps", ("state", "completed")) >= 1 && m.Sum("lrc_slots_busy") == 0);
        output.WriteLine(after.Text);

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
        Assert.Single(after.Find("lrc_step_duration_seconds_bucket", ("phase", "clr"), ("le", "0.0001")));
        Assert.True(after.Sum("lrc_checkpoints_total") >= 3);
        Assert.True(after.Sum("lrc_checkpoint_bytes_total") > 0);
        Assert.True(after.Sum("lrc_store_operation_duration_seconds_count", ("operation", "claim_trials")) > 0);
        Assert.True(after.Sum("lrc_store_operation_duration_seconds_count", ("operation", "write_checkpoint")) > 0);
        Assert.Single(after.Find("lrc_failovers_total"));
        Assert.Single(after.Find("lrc_lease_losses_total", ("kind", "sweep")));

        // The cluster as the store sees it: fixed label sets only.
        Assert.Equal(7, after.Find("lrc_sweeps").Count());
        Assert.Equal(12, after.Find("lrc_trials").Count());
        Assert.True(after.Sum("lrc_cluster_silos", ("status", "active")) >= 1);
        Assert.DoesNotContain(after.Samples, s => s.Labels.Values.Any(v => v.Contains(id, StringComparison.Ordinal)));

        // ASP.NET Core's own request metrics, by route template, never by raw path.
        Assert.True(after.Sum("http_server_request_duration_seconds_count",
            ("http_route", "/api/sweeps"), ("http_request_method", "POST"), ("http_response_status_code", "201")) >= 1);
        Assert.True(after.Sum("http_server_request_duration_seconds_count",
            ("http_route", "/api/sweeps/{id}"), ("http_request_method", "GET"), ("http_response_status_code", "200")) >= 1);

        await Promtool.AssertCleanAsync(after.Text, output);
    }

    [Fact]
    public async Task A_request_with_a_bad_token_is_counted_with_its_status_under_its_route_template()
    {
        using var anonymous = silo.CreateClient();
        using var denied = await anonymous.GetAsync("/api/sweeps/no-such-sweep/decision");
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);

        var metrics = await ScrapeUntilAsync(anonymous, m => m.Sum("http_server_request_duration_seconds_count",
            ("http_route", "/api/sweeps/{id}/decision"), ("http_request_method", "GET"), ("http_response_status_code", "401")) >= 1);

        Assert.DoesNotContain(metrics.Samples, s => s.Labels.Values.Contains("/api/sweeps/no-such-sweep/decision"));
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
            await Task.Delay(50);
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
