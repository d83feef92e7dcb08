using System.Globalization;
using System.Text;
using System.Text.Json;
using LrCluster.Core.Sweeps;
using LrCluster.Grains;
using LrCluster.Grains.Store;
using LrCluster.Plots;

namespace LrCluster.Client.Reports;

/// <summary>
/// Writes a sweep's report folder from the store: report.json (with the diagnostics' warnings), curve.csv (averaged
/// curves with spread), one CSV per trial (plus per-epoch and per-evaluation CSVs for cyclical trials), every figure as
/// SVG and PNG, and report.html. The same function serves <c>lrc run</c> and <c>lrc report</c>, so both give the same files.
/// </summary>
public static class ReportWriter
{
    public static SweepReport Write(ISweepReader store, string sweepId, string outDir)
    {
        var data = ReportData.Read(store, sweepId);
        Directory.CreateDirectory(Path.Combine(outDir, "trials"));
        var files = new List<string>();
        foreach (var trial in data.Trials)
        {
            var clr = trial.Phase == TrialPhase.Clr;
            var csv = new StringBuilder(clr ? "step,lr,loss,smoothed,momentum\n" : "step,lr,loss,smoothed\n");
            foreach (var p in data.Points[trial.Id])
            {
                csv.Append(Csv(p.Step, p.Lr, p.Loss, p.Smoothed));
                csv.Append(clr ? "," + Num(p.Momentum) + "\n" : "\n");
            }

            files.Add(Save(outDir, $"trials/{trial.Id}.csv", csv.ToString()));
            if (data.Epochs.TryGetValue(trial.Id, out var epochList))
            {
                var e = new StringBuilder("epoch,lr,trainLoss,valLoss,valMetric\n");
                foreach (var ep in epochList)
                {
                    e.Append(Csv(ep.Epoch, ep.Lr, ep.TrainLoss, ep.ValLoss, ep.ValMetric)).Append('\n');
                }

                files.Add(Save(outDir, $"trials/{trial.Id}.epochs.csv", e.ToString()));
                var v = new StringBuilder("step,lr,valLoss,valMetric\n");
                foreach (var ev in data.Evaluations[trial.Id])
                {
                    v.Append(Csv(ev.Step, ev.Lr, ev.ValLoss, ev.ValMetric)).Append('\n');
                }

                files.Add(Save(outDir, $"trials/{trial.Id}.evaluations.csv", v.ToString()));
            }
        }

        if (data.Decision is { } decision)
        {
            var curve = new StringBuilder("candidate,lr,mean,std,count\n");
            foreach (var c in decision.Candidates)
            {
                for (var i = 0; i < c.Curve.Lrs.Count; i++)
                {
                    curve.Append(c.Candidate).Append(',').Append(Csv(c.Curve.Lrs[i], c.Curve.Mean[i], c.Curve.Std[i], c.Curve.Count[i])).Append('\n');
                }
            }

            files.Add(Save(outDir, "curve.csv", curve.ToString()));
        }

        var metric = data.Spec is null ? null : ValidationMetric.Name(data.Spec.Loss);
        var figures = ReportFigures.All(data, metric ?? "metric");
        // Each figure is its own ScottPlot plot and Skia surface: render them on every core.
        var drawn = figures.AsParallel().AsOrdered().Select(f => (Figure: f, Static: StaticFigure.Render(f))).ToList();
        foreach (var (figure, rendered) in drawn)
        {
            files.Add(Save(outDir, figure.Id + ".svg", rendered.Svg));
            File.WriteAllBytes(Path.Combine(outDir, figure.Id + ".png"), rendered.Png);
            files.Add(figure.Id + ".png");
        }

        var report = new SweepReport(
            sweepId, data.Sweep.Name, JsonNamingPolicy.CamelCase.ConvertName(data.Sweep.State.ToString()), data.Sweep.Error,
            data.Decision?.ChosenCandidate, data.Decision?.Method, data.Decision?.SuggestedLr, data.Decision?.SectionRule, data.Decision?.Section,
            data.Decision?.Candidates.Select(c => new CandidateSummary(c.Candidate, c.Repeats, c.MinMeanLoss, c.Suggestions)).ToList() ?? [],
            data.Results,
            data.Trials.Select(t => new TrialSummary(t.Id, t.Phase, t.Status, data.Points[t.Id].Count, t.Error)).ToList(),
            [.. files, "report.json", "report.html"],
            data.Diagnose(),
            metric);
        Save(outDir, "report.json", JsonSerializer.Serialize(report, Json.Options));
        Save(outDir, "report.html", HtmlReport.Render(report, drawn));
        return report;
    }

    private static string Save(string outDir, string relative, string content)
    {
        File.WriteAllText(Path.Combine(outDir, relative), content);
        return relative;
    }

    private static string Csv(params double[] values) => string.Join(",", values.Select(v => Num(v)));

    internal static string Num(double? value) => value switch
    {
        null => "",
        { } v when double.IsNaN(v) => "nan",
        { } v when double.IsPositiveInfinity(v) => "inf",
        { } v when double.IsNegativeInfinity(v) => "-inf",
        { } v => v.ToString("R", CultureInfo.InvariantCulture),
    };
}
