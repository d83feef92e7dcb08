using System.Globalization;
using LrCluster.Client.Commands;
using Spectre.Console;

namespace LrCluster.Client.Reports;

/// <summary>The end-of-run tables on stdout: suggestions, the chosen section and schedule, the ranking, and the warnings.</summary>
public static class ReportSummary
{
    public static void Print(SweepReport report) => Print(report, Terminal.Stdout);

    public static void Print(SweepReport report, IAnsiConsole console)
    {
        console.MarkupLineInterpolated($"[bold]{report.Name}[/] ({report.SweepId}): [bold]{report.State}[/]");
        if (report.Error is not null)
        {
            console.MarkupLineInterpolated($"[red]{report.Error}[/]");
        }

        if (report.ChosenCandidate is not null)
        {
            var table = new Table().Title("Suggestions (mean curve; spread over repeats)").AddColumns("candidate", "method", "lr", "repeats geo. mean", "log std");
            foreach (var c in report.Candidates)
            {
                foreach (var s in c.Suggestions)
                {
                    var mark = c.Candidate == report.ChosenCandidate && s.Method == report.Method ? " *" : "";
                    table.AddRow(Markup.Escape(c.Candidate), Markup.Escape(s.Method + mark), N(s.MeanCurveLr), N(s.GeometricMean), N(s.LogStd));
                }
            }

            console.Write(table);
            var section = report.Section is { } sec ? $"{N(sec.BaseLr)} – {N(sec.MaxLr)} ({report.SectionRule})" : "none (the loss never fell)";
            console.MarkupLineInterpolated($"chosen candidate [bold]{report.ChosenCandidate}[/], suggested lr [bold]{N(report.SuggestedLr)}[/], section [bold]{section}[/]");
        }

        if (report.Clr is { } clr)
        {
            var metric = report.ValidationMetric ?? "metric";
            var table = new Table().Title("Cyclical configurations (ranked by final validation loss)")
                .AddColumns("rank", "config", "policy", "base – max lr", "step size", "status", "final val loss", $"val {metric}", "best (epoch)",
                    "steps to baseline", "× baseline");
            foreach (var r in clr.Ranking)
            {
                var p = clr.Schedules.TryGetValue(r.Config, out var sp) ? sp : null;
                table.AddRow(r.Rank.ToString(CultureInfo.InvariantCulture), Markup.Escape(r.Config), Markup.Escape(r.Policy),
                    p is null ? "–" : $"{N(p.BaseLr)} – {N(p.MaxLr)}", p?.StepSizeUp.ToString(CultureInfo.InvariantCulture) ?? "–",
                    r.Status.ToString().ToLowerInvariant(), N(r.FinalValLoss), N(r.FinalValMetric), $"{N(r.BestValLoss)} ({r.BestEpoch})",
                    r.StepsToBaseline?.ToString(CultureInfo.InvariantCulture) ?? "–",
                    r.BaselineStepRatio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : "–");
            }

            console.Write(table);
        }

        if (report.Warnings.Count > 0)
        {
            console.MarkupLineInterpolated($"[yellow bold]{report.Warnings.Count} warning(s):[/]");
            foreach (var w in report.Warnings)
            {
                console.MarkupLineInterpolated($"[yellow]{w.Code}[/]: {w.Message}");
            }
        }
        else
        {
            console.MarkupLine("no warnings");
        }
    }

    private static string N(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("G4", CultureInfo.InvariantCulture) : "–";
}
