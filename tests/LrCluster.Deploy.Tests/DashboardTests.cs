using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LrCluster.Deploy.Tests;

public sealed class DashboardTests
{
    public static TheoryData<string> Files => new(Dashboards.Files.Select(Path.GetFileName).OfType<string>());

    [Fact]
    public void The_cluster_overview_and_sweep_dashboards_exist_with_unique_uids()
    {
        var names = Dashboards.Files.Select(Path.GetFileName).ToList();
        Assert.Contains("cluster-overview.json", names);
        Assert.Contains("sweeps.json", names);
        Assert.Contains("orleans.json", names);
        var uids = Dashboards.Files.Select(f => (string?)Dashboards.Load(f)["uid"]).ToList();
        Assert.All(uids, uid => Assert.False(string.IsNullOrEmpty(uid)));
        Assert.Equal(uids.Count, uids.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_dashboard_picks_its_prometheus_through_a_datasource_variable(string file)
    {
        var dashboard = Dashboards.Load(Path.Combine(Dashboards.Folder, file));

        var variable = Assert.Single(dashboard["templating"]!["list"]!.AsArray(), v => (string?)v!["name"] == "datasource");
        Assert.Equal("datasource", (string?)variable!["type"]);
        Assert.Equal("prometheus", (string?)variable["query"]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void No_datasource_uid_is_hard_coded(string file)
    {
        var dashboard = Dashboards.Load(Path.Combine(Dashboards.Folder, file));

        var references = Walk(dashboard).Where(x => x.Key == "datasource" && x.Value is not null).ToList();
        Assert.NotEmpty(references);
        foreach (var (_, value, _) in references)
        {
            switch (value)
            {
                case JsonObject { } ds when (string?)ds["type"] == "grafana":
                    Assert.Equal("-- Grafana --", (string?)ds["uid"]);   // the built-in annotations source
                    break;
                case JsonObject { } ds:
                    Assert.Equal("prometheus", (string?)ds["type"]);
                    Assert.Equal("${datasource}", (string?)ds["uid"]);
                    break;
                default:
                    Assert.Equal("${datasource}", (string?)value);
                    break;
            }
        }

        Assert.DoesNotContain(Walk(dashboard), x => x.Key == "uid" && x.Parent is JsonObject p && p != dashboard
            && (string?)x.Value is { } uid && uid != "${datasource}" && uid != "-- Grafana --");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_query_sits_in_a_flat_panel_target(string file)
    {
        var dashboard = Dashboards.Load(Path.Combine(Dashboards.Folder, file));
        var panels = dashboard["panels"]!.AsArray();

        Assert.All(panels.Where(p => (string?)p!["type"] == "row"), row =>
        {
            Assert.False((bool?)row!["collapsed"] ?? false);
            Assert.Empty(row["panels"]?.AsArray() ?? []);
        });
        var queries = Dashboards.Queries().Where(q => q.Dashboard == file).ToList();
        Assert.Equal(Walk(dashboard).Count(x => x.Key == "expr"), queries.Count);
        Assert.All(panels.Where(p => (string?)p!["type"] != "row"), p => Assert.NotEmpty(p!["targets"]!.AsArray()));
        Assert.All(queries, q => Assert.False(string.IsNullOrWhiteSpace(q.Expr), $"{q.PanelTitle} {q.RefId}"));
        var ids = panels.Select(p => (int)p!["id"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Every_query_uses_only_the_agreed_metric_names_or_dcgm()
    {
        var queries = Dashboards.Queries();
        Assert.NotEmpty(queries);

        var unknown = queries
            .SelectMany(q => PromQl.MetricNames(q.Expr).Where(m => !MetricNames.IsKnownSeries(m)).Select(m => $"{q.Dashboard} '{q.PanelTitle}' {q.RefId}: {m}"))
            .ToList();
        Assert.True(unknown.Count == 0, string.Join('\n', unknown));
        Assert.All(queries, q => Assert.NotEmpty(PromQl.MetricNames(q.Expr)));
    }

    [Fact]
    public void Variable_queries_use_only_the_agreed_metric_names()
    {
        var variables = Dashboards.VariableQueries();

        // Metrics carry no sweep or trial id, so no dashboard offers one to pick.
        Assert.DoesNotContain(variables, v => v.Query.Contains("sweep=", StringComparison.Ordinal) || v.Query.Contains(", trial)", StringComparison.Ordinal));
        foreach (var (dashboard, variable, query) in variables)
        {
            var match = Regex.Match(query, @"^label_values\((?<selector>.+),\s*(?<label>[A-Za-z_][A-Za-z0-9_]*)\)$");
            Assert.True(match.Success, $"{dashboard} ${variable}: {query}");
            Assert.All(PromQl.MetricNames(match.Groups["selector"].Value), m => Assert.True(MetricNames.IsKnownSeries(m), $"{dashboard} ${variable}: {m}"));
        }
    }

    [Fact]
    public void The_dashboards_cover_every_exported_metric()
    {
        var used = Dashboards.Queries().SelectMany(q => PromQl.MetricNames(q.Expr))
            .Concat(Dashboards.VariableQueries().Select(v => Regex.Match(v.Query, @"label_values\(([a-z_]+)").Groups[1].Value))
            .Select(m => Regex.Replace(m, "_(bucket|sum|count)$", ""))
            .ToHashSet(StringComparer.Ordinal);

        var missing = MetricNames.Counters.Concat(MetricNames.Gauges).Concat(MetricNames.Histograms).Where(m => !used.Contains(m)).ToList();
        Assert.True(missing.Count == 0, "not on any dashboard: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("histogram_quantile(0.99, sum by (le, operation) (rate(lrc_store_operation_duration_seconds_bucket[$__rate_interval])))", "lrc_store_operation_duration_seconds_bucket")]
    [InlineData("max by (phase) (lrc_trials{status=\"pending\", phase=~\"$phase\"})", "lrc_trials")]
    [InlineData("sum by (http_route, http_response_status_code) (rate(http_server_request_duration_seconds_count{http_response_status_code=~\"5..\"}[5m])) / on (http_route) group_left sum by (http_route) (rate(http_server_request_duration_seconds_count[5m]))", "http_server_request_duration_seconds_count")]
    [InlineData("lrc_slots_busy / lrc_slots * 100", "lrc_slots_busy,lrc_slots")]
    [InlineData("avg by (Hostname, gpu) (DCGM_FI_DEV_GPU_UTIL{pod=~\"lrc-silo.*\"})", "DCGM_FI_DEV_GPU_UTIL")]
    [InlineData("sum by (outcome) (increase(lrc_trials_finished_total[$__range])) offset 1h", "lrc_trials_finished_total")]
    public void Metric_names_are_found_in_promql(string expr, string expected)
    {
        Assert.Equal(expected.Split(','), PromQl.MetricNames(expr));
    }

    [Fact]
    public void An_unknown_or_misspelt_metric_is_reported()
    {
        var names = PromQl.MetricNames("sum(rate(lrc_training_step_total[5m])) + up");

        Assert.Equal(["lrc_training_step_total", "up"], names);
        Assert.DoesNotContain(names, MetricNames.IsKnownSeries);
    }

    [Fact]
    public void Provisioning_loads_the_dashboards_folder_that_dev_grafana_mounts()
    {
        var provider = Yaml.LoadOne(File.ReadAllText(Repo.Deploy("grafana", "provisioning", "dashboards.yaml")));
        var path = (string?)Assert.Single(provider["providers"]!.AsArray())!["options"]!["path"];

        var datasources = Yaml.LoadOne(File.ReadAllText(Repo.Deploy("grafana", "provisioning", "datasources.yaml")));
        var datasource = Assert.Single(datasources["datasources"]!.AsArray());
        Assert.Equal("prometheus", (string?)datasource!["type"]);
        Assert.Null(datasource["uid"]);

        var grafana = Rendered.Of("overlays/dev").Single("Deployment", "lrc-grafana")["spec"]!["template"]!["spec"]!;
        var mounts = grafana["containers"]![0]!["volumeMounts"]!.AsArray();
        Assert.Contains(mounts, m => (string?)m!["mountPath"] == path && (string?)m["name"] == "dashboards");
    }

    [Theory]
    [InlineData("overlays/gpu")]
    [InlineData("overlays/dev")]
    public void The_rendered_dashboards_config_map_carries_the_files_for_the_grafana_sidecar(string overlay)
    {
        var configMap = Rendered.Of(overlay).Single("ConfigMap", "lrc-grafana-dashboards");

        Assert.Equal("1", (string?)configMap["metadata"]!["labels"]!["grafana_dashboard"]);
        foreach (var file in Dashboards.Files)
        {
            Assert.Equal(File.ReadAllText(file), (string?)configMap["data"]![Path.GetFileName(file)]);
        }
    }

    private static IEnumerable<(string Key, JsonNode? Value, JsonNode Parent)> Walk(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    yield return (key, value, o);
                    if (value is not null)
                    {
                        foreach (var x in Walk(value))
                        {
                            yield return x;
                        }
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a.OfType<JsonNode>())
                {
                    foreach (var x in Walk(item))
                    {
                        yield return x;
                    }
                }

                break;
        }
    }
}
