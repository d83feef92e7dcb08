using System.Globalization;
using System.Text;
using System.Text.Json;
using LrCluster.Core.Sweeps;
using LrCluster.Grains;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Store;
using LrCluster.Grains.Sweeps;

namespace LrCluster.Client.Reports;

/// <summary>
/// Writes a sweep's report folder from the store: report.json, curve.csv (averaged curves with spread),
/// one CSV per trial (plus per-epoch CSVs for cyclical trials), SVG plots and report.html.
/// The same function serves <c>lrc run</c> and <c>lrc report</c>, so both give the same files.
/// </summary>
public static class ReportWriter
{
    public static SweepReport Write(ISweepReader store, string sweepId, string outDir)
    {
        var sweep = store.GetSweep(sweepId) ?? throw new InvalidOperationException($"sweep {sweepId} is not in the store");
        Directory.CreateDirectory(Path.Combine(outDir, "trials"));
        var files = new List<string>();
        var decision = sweep.DecisionJson is null ? null : JsonSerializer.Deserialize<SweepDecision>(sweep.DecisionJson, Json.Options);
        var results = sweep.ResultsJson is null ? null : JsonSerializer.Deserialize<SweepResults>(sweep.ResultsJson, Json.Options);
        var trials = store.ListTrials(sweepId);
        var points = trials.ToDictionary(t => t.Id, t => store.ReadPoints(sweepId, t.Id));
        var epochs = trials.Where(t => t.Phase == TrialPhase.Clr).ToDictionary(t => t.Id, t => store.ReadEpochs(sweepId, t.Id));

        foreach (var trial in trials)
        {
            var csv = new StringBuilder(trial.Phase == TrialPhase.Clr ? "step,lr,loss,smoothed,momentum\n" : "step,lr,loss,smoothed\n");
            foreach (var p in points[trial.Id])
            {
                csv.Append(Csv(p.Step, p.Lr, p.Loss, p.Smoothed));
                csv.Append(trial.Phase == TrialPhase.Clr ? "," + Num(p.Momentum) + "\n" : "\n");
            }

            files.Add(Save(outDir, $"trials/{trial.Id}.csv", csv.ToString()));
            if (epochs.TryGetValue(trial.Id, out var epochList))
            {
                var e = new StringBuilder("epoch,lr,trainLoss,valLoss,valMetric\n");
                foreach (var ep in epochList)
                {
                    e.Append(Csv(ep.Epoch, ep.Lr, ep.TrainLoss, ep.ValLoss, ep.ValMetric)).Append('\n');
                }

                files.Add(Save(outDir, $"trials/{trial.Id}.epochs.csv", e.ToString()));
            }
        }

        var charts = new ReportCharts(sweep.Name, decision, trials, points, epochs);
        if (decision is not null)
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
            files.Add(Save(outDir, "lr_loss.svg", charts.LrLoss()));
            if (decision.Candidates.Count > 1)
            {
                files.Add(Save(outDir, "candidates.svg", charts.Candidates()));
            }
        }

        if (results is not null)
        {
            files.Add(Save(outDir, "schedule.svg", charts.Schedule()));
            files.Add(Save(outDir, "clr_validation.svg", charts.Validation()));
        }

        var report = new SweepReport(
            sweepId, sweep.Name, JsonNamingPolicyCamel(sweep.State.ToString()), sweep.Error,
            decision?.ChosenCandidate, decision?.Method, decision?.SuggestedLr, decision?.SectionRule, decision?.Section,
            decision?.Candidates.Select(c => new CandidateSummary(c.Candidate, c.Repeats, c.MinMeanLoss, c.Suggestions)).ToList() ?? [],
            results,
            trials.Select(t => new TrialSummary(t.Id, t.Phase, t.Status, points[t.Id].Count, t.Error)).ToList(),
            [.. files, "report.json", "report.html"]);
        Save(outDir, "report.json", JsonSerializer.Serialize(report, Json.Options));
        Save(outDir, "report.html", HtmlReport.Render(report, charts));
        return report;
    }

    private static string JsonNamingPolicyCamel(string s) => char.ToLowerInvariant(s[0]) + s[1..];

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
