using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LrCluster.Cluster.Tests.Monitoring;

/// <summary>Every PromQL expression of the committed Grafana dashboards, with Grafana's variables filled in.</summary>
internal static partial class DashboardQueries
{
    public static IReadOnlyList<(string Dashboard, string Panel, string Expr)> All([CallerFilePath] string source = "")
    {
        var folder = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", "deploy", "grafana", "dashboards"));
        var queries = new List<(string, string, string)>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in doc.RootElement.GetProperty("panels").EnumerateArray())
            {
                if (!panel.TryGetProperty("targets", out var targets))
                {
                    continue;
                }

                foreach (var target in targets.EnumerateArray())
                {
                    if (target.TryGetProperty("expr", out var expr))
                    {
                        queries.Add((Path.GetFileName(file), panel.GetProperty("title").GetString() ?? "", expr.GetString()!));
                    }
                }
            }

            foreach (var variable in doc.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
            {
                if (variable.TryGetProperty("query", out var q) && q.ValueKind == JsonValueKind.Object
                    && q.TryGetProperty("query", out var text) && LabelValues().Match(text.GetString() ?? "") is { Success: true } m)
                {
                    // Grafana's label_values(selector, label) is not PromQL; the series behind it is what must exist.
                    queries.Add((Path.GetFileName(file), $"variable {variable.GetProperty("name").GetString()}", $"count by ({m.Groups["label"].Value}) ({m.Groups["selector"].Value})"));
                }
            }
        }

        return queries;
    }

    public static string Fill(string expr) => expr
        .Replace("$__rate_interval", "20s", StringComparison.Ordinal)
        .Replace("$__interval", "5s", StringComparison.Ordinal)
        .Replace("$__range", "10m", StringComparison.Ordinal);

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*(?<label>\w+)\)$")]
    private static partial Regex LabelValues();
}
