using System.Globalization;
using System.Net;
using System.Text;

namespace LrCluster.Client.Reports;

/// <summary>A single self-contained HTML page: the decision, the ranking, and the plots inline (no scripts, no external files).</summary>
public static class HtmlReport
{
    public static string Render(SweepReport report, ReportCharts charts)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(report.Name)).Append(" — LrCluster report</title><style>")
            .Append("body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}")
            .Append(".plot{margin:1em 0}</style></head><body>");
        html.Append("<h1>").Append(E(report.Name)).Append("</h1><p>Sweep <code>").Append(E(report.SweepId)).Append("</code>: <b>")
            .Append(E(report.State)).Append("</b>");
        if (report.Error is not null)
        {
            html.Append(" — ").Append(E(report.Error));
        }

        html.Append("</p>");
        if (report.ChosenCandidate is not null)
        {
            html.Append("<h2 id=\"range-test\">Range test</h2><p>Chosen candidate <b>").Append(E(report.ChosenCandidate)).Append("</b>; ")
                .Append(E(report.Method ?? "")).Append(" suggests <b>").Append(N(report.SuggestedLr)).Append("</b>");
            if (report.Section is { } s)
            {
                html.Append("; ").Append(E(report.SectionRule ?? "")).Append(" section <b>").Append(N(s.BaseLr)).Append(" – ").Append(N(s.MaxLr)).Append("</b>");
            }

            html.Append(".</p><div class=\"plot\">").Append(charts.LrLoss()).Append("</div>");
            html.Append("<table id=\"suggestions\"><tr><th>candidate</th><th>method</th><th>mean curve</th><th>repeats (geo. mean)</th><th>log std</th></tr>");
            foreach (var c in report.Candidates)
            {
                foreach (var sp in c.Suggestions)
                {
                    html.Append("<tr><td>").Append(E(c.Candidate)).Append("</td><td>").Append(E(sp.Method)).Append("</td><td>").Append(N(sp.MeanCurveLr))
                        .Append("</td><td>").Append(N(sp.GeometricMean)).Append("</td><td>").Append(N(sp.LogStd)).Append("</td></tr>");
                }
            }

            html.Append("</table>");
            if (report.Candidates.Count > 1)
            {
                html.Append("<div class=\"plot\">").Append(charts.Candidates()).Append("</div>");
            }
        }

        if (report.Clr is { } clr)
        {
            html.Append("<h2 id=\"clr\">Cyclical configurations</h2><table id=\"ranking\"><tr><th>rank</th><th>config</th><th>policy</th><th>status</th><th>final val loss</th><th>final val metric</th><th>best val loss (epoch)</th><th>base – max LR</th></tr>");
            foreach (var r in clr.Ranking)
            {
                var p = clr.Schedules[r.Config];
                html.Append("<tr><td>").Append(r.Rank).Append("</td><td>").Append(E(r.Config)).Append("</td><td>").Append(E(r.Policy)).Append("</td><td>")
                    .Append(E(r.Status.ToString().ToLowerInvariant())).Append("</td><td>").Append(N(r.FinalValLoss)).Append("</td><td>").Append(N(r.FinalValMetric))
                    .Append("</td><td>").Append(N(r.BestValLoss)).Append(" (").Append(r.BestEpoch).Append(")</td><td>").Append(N(p.BaseLr)).Append(" – ").Append(N(p.MaxLr)).Append("</td></tr>");
            }

            html.Append("</table><div class=\"plot\">").Append(charts.Schedule()).Append("</div><div class=\"plot\">").Append(charts.Validation()).Append("</div>");
        }

        html.Append("<h2>Files</h2><ul>");
        foreach (var f in report.Files)
        {
            html.Append("<li><a href=\"").Append(E(f)).Append("\">").Append(E(f)).Append("</a></li>");
        }

        return html.Append("</ul></body></html>\n").ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string N(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("G4", CultureInfo.InvariantCulture) : "–";
}
