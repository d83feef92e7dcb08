using System.Text.Json;
using LrCluster.Cluster.Tests.Processes;

namespace LrCluster.Cluster.Tests.Monitoring;

/// <summary>
/// A real Prometheus scrapes two real silos of one cluster (on a real PostgreSQL, so Npgsql's pool metrics exist; two,
/// so Orleans' probes and remote messages exist) while they run a small libtorch sweep; then every PromQL expression in the Grafana dashboards goes to Prometheus' HTTP API over the test's
/// time range. Any error or empty result fails: a dashboard must not show "No data" for a metric we claim to export.
/// DCGM panels are left out (NVIDIA's exporter serves those, not the silo).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DashboardQueryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lrc-dashboards-").FullName;

    [PostgresFact]
    public async Task Every_dashboard_query_returns_data_from_prometheus_scraping_a_silo()
    {
        if (!File.Exists(PrometheusProcess.Binary))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "prometheus is missing: apt-get install prometheus (scripts/setup does)");
            return;
        }

        var from = DateTimeOffset.UtcNow.AddSeconds(-5);
        using var schema = new PostgresSchema();
        using var silo = SiloProcess.Start(_dir, schema.Url, "dash-silo");
        using var second = SiloProcess.Start(_dir, schema.Url, "dash-silo-2");
        await silo.WaitReadyAsync();
        await second.WaitReadyAsync();
        using var prometheus = PrometheusProcess.Start(_dir, [("dash-silo", silo.Port), ("dash-silo-2", second.Port)]);
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{prometheus.Port}") };
        await WaitForScrapesAsync(api, prometheus);

        // A 4xx for the error panel, then a sweep long enough to be scraped while its trials run.
        using (await silo.Client.GetAsync("/api/sweeps/no-such-sweep-20260101000000-000000"))
        {
        }

        var id = await silo.Client.SubmitAsync(Spec);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        JsonElement sweep;
        do
        {
            await Task.Delay(500);
            sweep = await silo.Client.SweepAsync(id);
        }
        while (!sweep.IsFinal() && DateTime.UtcNow < deadline);
        Assert.True(sweep.State() == "completed", $"sweep {sweep.State()}\n{silo.Output}\n{second.Output}");
        // Prometheus has scraped the end once the silo's cluster gauges (read from the store every 2 s) show it.
        await WaitForAsync(api, "max(lrc_sweeps{state=\"completed\"}) >= 1 and max(lrc_slots_busy) == 0", prometheus);
        var to = DateTimeOffset.UtcNow;

        var problems = new List<string>();
        var queries = DashboardQueries.All().Where(q => !q.Expr.Contains("DCGM_", StringComparison.Ordinal)).ToList();
        foreach (var (dashboard, panel, expr) in queries)
        {
            var promql = DashboardQueries.Fill(expr);
            var url = $"/api/v1/query_range?query={Uri.EscapeDataString(promql)}&start={from.ToUnixTimeSeconds()}&end={to.ToUnixTimeSeconds()}&step=1";
            using var response = await api.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            var json = JsonDocument.Parse(body).RootElement;
            if (json.GetProperty("status").GetString() != "success")
            {
                problems.Add($"{dashboard} / {panel}: error {json.GetProperty("error").GetString()} for {promql}");
            }
            else if (json.GetProperty("data").GetProperty("result").GetArrayLength() == 0)
            {
                problems.Add($"{dashboard} / {panel}: empty result for {promql}");
            }
        }

        Assert.True(queries.Count >= 20, $"only {queries.Count} queries found in the dashboards");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static Task WaitForScrapesAsync(HttpClient api, PrometheusProcess prometheus) => WaitForAsync(api, "count(up == 1) == 2", prometheus);

    /// <summary>Polls Prometheus until <paramref name="query"/> returns a sample (a condition, not a time).</summary>
    private static async Task WaitForAsync(HttpClient api, string query, PrometheusProcess prometheus)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var body = await api.GetStringAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}");
                var result = JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("result");
                if (result.GetArrayLength() > 0)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500);
        }

        Assert.Fail($"prometheus never answered {query}\n{prometheus.Output}");
    }

    // Long enough (a few seconds of training) for the 1 s scrapes to see trials running and to see the decision.
    private const string Spec = """
        name: dashboards
        seed: 2
        data: { builtin: digits, validation: 0.2 }
        model: { mlp: { hidden: [256, 256] } }
        loss: crossEntropy
        optimizer: { name: sgd, momentum: 0.9 }
        batchSize: 32
        rangeTest: { start: 1.0e-4, end: 30, steps: 2500, repeats: 2, divergence: 4 }
        clr:
          epochs: 30
          configs:
            - { policy: triangular }
            - { policy: one_cycle }
        """;
}
