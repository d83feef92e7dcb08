using System.Text.RegularExpressions;

namespace LrCluster.Deploy.Tests;

/// <summary>Just enough PromQL lexing to list the metric names a query selects.</summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset",
        "Inf", "NaN", "inf", "nan",
    };

    /// <summary>Metric names in <paramref name="expr"/>: identifiers outside strings, label matchers,
    /// grouping clauses and range selectors that are not function calls, keywords or Grafana variables.</summary>
    public static IReadOnlyList<string> MetricNames(string expr)
    {
        var s = Strings().Replace(expr, " ");
        s = Braces().Replace(s, " ");
        s = Grouping().Replace(s, " ");
        s = Brackets().Replace(s, " ");
        s = Variables().Replace(s, " ");
        s = Durations().Replace(s, " ");
        s = Numbers().Replace(s, " ");
        return Identifiers().Matches(s)
            .Where(m => !m.Groups["call"].Success && !Keywords.Contains(m.Groups["name"].Value))
            .Select(m => m.Groups["name"].Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\[[^\[\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\$\{?[A-Za-z_][A-Za-z0-9_]*(?::[A-Za-z0-9_]+)?\}?")]
    private static partial Regex Variables();

    [GeneratedRegex(@"(?<![A-Za-z_:0-9])(?:[0-9]+(?:ms|[smhdwy]))+(?![A-Za-z_:0-9])")]
    private static partial Regex Durations();

    [GeneratedRegex(@"(?<![A-Za-z_:0-9])[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"(?<name>[A-Za-z_:][A-Za-z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifiers();
}
