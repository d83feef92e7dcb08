using System.Text.Json.Nodes;

namespace LrCluster.Deploy.Tests;

/// <summary>One PromQL query of a dashboard panel.</summary>
public sealed record DashboardQuery(string Dashboard, int PanelId, string PanelTitle, string RefId, string Expr);

/// <summary>
/// The Grafana dashboards in deploy/grafana/dashboards. Every query lives at <c>panels[*].targets[*].expr</c>
/// (rows are flat, never collapsed with nested panels); variable queries at <c>templating.list[*].query.query</c>.
/// Grafana variables in them: <c>$datasource</c>, <c>$__rate_interval</c>, <c>$__range</c>.
/// </summary>
public static class Dashboards
{
    public static string Folder => Repo.Deploy("grafana", "dashboards");

    public static IReadOnlyList<string> Files =>
        Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).ToList();

    public static JsonObject Load(string file) => JsonNode.Parse(File.ReadAllText(file))!.AsObject();

    public static IReadOnlyList<DashboardQuery> Queries() =>
        Files.SelectMany(file =>
        {
            var name = Path.GetFileName(file);
            return Load(file)["panels"]!.AsArray()
                .Where(p => p!["targets"] is JsonArray)
                .SelectMany(p => p!["targets"]!.AsArray().Select(t => new DashboardQuery(
                    name, (int)p["id"]!, (string?)p["title"] ?? "", (string?)t!["refId"] ?? "", (string?)t["expr"] ?? "")));
        }).ToList();

    public static IReadOnlyList<(string Dashboard, string Variable, string Query)> VariableQueries() =>
        Files.SelectMany(file => Load(file)["templating"]!["list"]!.AsArray()
            .Where(v => (string?)v!["type"] == "query")
            .Select(v => (Path.GetFileName(file), (string)v!["name"]!, (string?)v["query"]?["query"] ?? (string?)v["query"] ?? "")))
            .ToList();
}
