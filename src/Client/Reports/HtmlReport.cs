using System.Globalization;
using System.Net;
using System.Text;
using LrCluster.Plots;

namespace LrCluster.Client.Reports;

/// <summary>
/// report.html: one self-contained page that loads no URL. plotly.js is inlined once in the head (from Plotly.NET), every
/// chart is interactive (hover, zoom, legend toggles) and carries its static SVG in a &lt;noscript&gt; fallback; the
/// warnings, the suggestions and the ranking are plain tables.
/// </summary>
public static class HtmlReport
{
    private const string Style =
        "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.4}" +
        "h1{margin-bottom:0.2em}h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:0.2em}" +
        "table{border-collapse:collapse;margin:1em 0;font-size:0.92em}td,th{border:1px solid #d0d0d0;padding:4px 10px;text-align:right}" +
        "th{background:#f4f4f4}td:first-child,th:first-child,td.text{text-align:left}tr.chosen td{font-weight:600}" +
        ".chart{margin:1.5em 0;border:1px solid #eee;padding:4px}.chart figcaption{font-size:0.85em;color:#666;padding:2px 6px}" +
        ".warnings{padding:0;list-style:none}.warnings li{background:#fff8e1;border-left:4px solid #f0a500;margin:0.5em 0;padding:0.5em 0.8em}" +
        ".warnings code{font-weight:600;margin-right:0.5em}.ok{color:#2a7d2a}code{font-size:0.95em}";

    public static string Render(SweepReport report, IReadOnlyList<(Figure Figure, RenderedFigure Static)> figures)
    {
        var charts = figures.ToDictionary(f => f.Figure.Id);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(E(report.Name)).Append(" — LrCluster report</title><style>").Append(Style).Append("</style>\n")
            .Append("<script>/* plotly.js ").Append(E(PlotlyScript.Version)).Append(" (MIT licence), inlined once from Plotly.NET */\n")
            .Append(PlotlyScript.Source).Append("\n</script></head><body>\n");
        html.Append("<h1>").Append(E(report.Name)).Append("</h1><p>Sweep <code>").Append(E(report.SweepId)).Append("</code>: <b>").Append(E(report.State)).Append("</b>");
        if (report.Error is not null)
        {
            html.Append(" — ").Append(E(report.Error));
        }

        html.Append("</p>\n");
        Warnings(html, report);
        if (report.ChosenCandidate is not null)
        {
            html.Append("<h2 id=\"range-test\">Range test</h2><p>Chosen candidate <b>").Append(E(report.ChosenCandidate)).Append("</b>; ")
                .Append(E(report.Method ?? "")).Append(" suggests <b>").Append(N(report.SuggestedLr)).Append("</b>");
            html.Append(report.Section is { } s
                ? $"; {E(report.SectionRule ?? "")} section <b>{N(s.BaseLr)} – {N(s.MaxLr)}</b>."
                : "; no section (the loss never fell).");
            html.Append("</p>\n");
            Chart(html, charts, "lr_loss");
            Suggestions(html, report);
            Chart(html, charts, "candidates");
            Chart(html, charts, "section");
        }

        if (report.Clr is not null)
        {
            html.Append("<h2 id=\"clr\">Cyclical configurations</h2>\n");
            Ranking(html, report);
            Chart(html, charts, "schedule");
            Chart(html, charts, "clr_validation");
            Chart(html, charts, "clr_metric");
        }

        html.Append("<h2 id=\"files\">Files</h2><ul>");
        foreach (var f in report.Files)
        {
            html.Append("<li><a href=\"").Append(E(f)).Append("\">").Append(E(f)).Append("</a></li>");
        }

        return html.Append("</ul></body></html>\n").ToString();
    }

    private static void Warnings(StringBuilder html, SweepReport report)
    {
        html.Append("<h2 id=\"warnings\">Warnings</h2>");
        if (report.Warnings.Count == 0)
        {
            html.Append("<p class=\"ok\">None: no diagnostic found a reason to doubt these curves.</p>\n");
            return;
        }

        html.Append("<ul class=\"warnings\">");
        foreach (var w in report.Warnings)
        {
            html.Append("<li data-code=\"").Append(E(w.Code)).Append("\"><code>").Append(E(w.Code)).Append("</code>").Append(E(w.Message)).Append("</li>");
        }

        html.Append("</ul>\n");
    }

    private static void Suggestions(StringBuilder html, SweepReport report)
    {
        html.Append("<table id=\"suggestions\"><tr><th>candidate</th><th>method</th><th>mean curve</th><th>repeats</th><th>geo. mean of repeats</th><th>log std</th></tr>");
        foreach (var c in report.Candidates)
        {
            foreach (var sp in c.Suggestions)
            {
                var chosen = c.Candidate == report.ChosenCandidate && sp.Method == report.Method;
                html.Append(chosen ? "<tr class=\"chosen\">" : "<tr>").Append("<td>").Append(E(c.Candidate)).Append("</td><td class=\"text\">").Append(E(sp.Method))
                    .Append(chosen ? " ✓" : "").Append("</td><td>").Append(N(sp.MeanCurveLr)).Append("</td><td class=\"text\">")
                    .Append(string.Join(", ", sp.PerRepeat.Select(x => N(x)))).Append("</td><td>").Append(N(sp.GeometricMean)).Append("</td><td>").Append(N(sp.LogStd)).Append("</td></tr>");
            }
        }

        html.Append("</table>\n");
    }

    private static void Ranking(StringBuilder html, SweepReport report)
    {
        var clr = report.Clr!;
        var metric = report.ValidationMetric ?? "metric";
        html.Append("<table id=\"ranking\"><tr><th>rank</th><th>config</th><th>policy</th><th>status</th><th>base – max LR</th><th>step size</th>")
            .Append("<th>final val loss</th><th>final val ").Append(E(metric)).Append("</th><th>best val loss (epoch)</th><th>steps to baseline</th><th>× baseline's steps</th></tr>");
        foreach (var r in clr.Ranking)
        {
            var p = clr.Schedules.TryGetValue(r.Config, out var sp) ? sp : null;
            html.Append("<tr><td>").Append(r.Rank).Append("</td><td>").Append(E(r.Config)).Append("</td><td class=\"text\">").Append(E(r.Policy))
                .Append("</td><td class=\"text\">").Append(E(r.Status.ToString().ToLowerInvariant())).Append("</td><td>")
                .Append(p is null ? "–" : $"{N(p.BaseLr)} – {N(p.MaxLr)}").Append("</td><td>").Append(p?.StepSizeUp.ToString(CultureInfo.InvariantCulture) ?? "–")
                .Append("</td><td>").Append(N(r.FinalValLoss)).Append("</td><td>").Append(N(r.FinalValMetric)).Append("</td><td>").Append(N(r.BestValLoss))
                .Append(" (").Append(r.BestEpoch).Append(")</td><td>").Append(r.StepsToBaseline?.ToString(CultureInfo.InvariantCulture) ?? "–")
                .Append("</td><td>").Append(r.BaselineStepRatio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : "–").Append("</td></tr>");
        }

        html.Append("</table><p>Steps to baseline: the first evaluated step at which a config's validation ").Append(E(metric))
            .Append(" reached the best the fixed-LR baseline reached; × baseline's steps divides it by the steps the baseline needed (below 1: faster). ")
            .Append("– means it never did, or the sweep has no <code>fixed</code> config.</p>\n");
    }

    /// <summary>An interactive chart, with its static SVG for browsers without scripts and links to the files.</summary>
    private static void Chart(StringBuilder html, IReadOnlyDictionary<string, (Figure Figure, RenderedFigure Static)> charts, string id)
    {
        if (!charts.TryGetValue(id, out var chart))
        {
            return;
        }

        var svg = chart.Static.Svg;
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        html.Append("<figure class=\"chart\" id=\"chart-").Append(E(id)).Append("\">").Append(InteractiveFigure.Render(chart.Figure))
            .Append("<noscript>").Append(start >= 0 ? svg[start..] : "").Append("</noscript><figcaption>Static figure: <a href=\"").Append(E(id))
            .Append(".png\">").Append(E(id)).Append(".png</a>, <a href=\"").Append(E(id)).Append(".svg\">").Append(E(id)).Append(".svg</a></figcaption></figure>\n");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string N(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("G4", CultureInfo.InvariantCulture) : "–";
}
