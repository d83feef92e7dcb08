using LrCluster.Core.Sweeps;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Store;
using LrCluster.Grains.Sweeps;
using LrCluster.Plots;

namespace LrCluster.Client.Reports;

/// <summary>The report's SVG plots, built from what the store holds.</summary>
public sealed class ReportCharts(
    string name,
    SweepDecision? decision,
    IReadOnlyList<TrialRecord> trials,
    IReadOnlyDictionary<string, IReadOnlyList<LossPoint>> points,
    IReadOnlyDictionary<string, IReadOnlyList<EpochPoint>> epochs)
{
    /// <summary>LR vs loss of the chosen candidate: every repeat faint, the mean bold, the spread shaded, each suggestion marked, the section shaded.</summary>
    public string LrLoss()
    {
        var chosen = decision!.Candidates.First(c => c.Candidate == decision.ChosenCandidate);
        var chart = new LineChart(new ChartOptions($"{name}: LR range test ({chosen.Candidate}, {chosen.Repeats} repeat(s))", "learning rate", "smoothed loss", LogX: true));
        var mean = chosen.Curve;
        chart.AddBand("mean ± std", mean.Lrs, mean.Mean.Zip(mean.Std, (m, s) => m - s).ToList(), mean.Mean.Zip(mean.Std, (m, s) => m + s).ToList());
        foreach (var trial in trials.Where(t => t.Phase == TrialPhase.RangeTest && Candidate(t) == chosen.Candidate))
        {
            var p = points[trial.Id];
            chart.AddLine(trial.Id, p.Select(x => x.Lr).ToList(), p.Select(x => x.Smoothed).ToList(), LineStyle.Faint);
        }

        chart.AddLine("mean", mean.Lrs, mean.Mean, LineStyle.Bold);
        // Methods that agree share one marker, so their labels don't print on top of each other.
        foreach (var group in chosen.Suggestions.Where(s => s.MeanCurveLr is not null).GroupBy(s => s.MeanCurveLr!.Value))
        {
            chart.AddMarker($"{string.Join(", ", group.Select(s => s.Method))} {group.Key:G3}", group.Key, At(mean.Lrs, mean.Mean, group.Key));
        }

        if (decision.Section is { } section)
        {
            chart.AddVerticalSpan($"{decision.SectionRule} section", section.BaseLr, section.MaxLr);
        }

        return chart.RenderSvg();
    }

    public string Candidates()
    {
        var chart = new LineChart(new ChartOptions($"{name}: candidates (mean curves)", "learning rate", "smoothed loss", LogX: true));
        foreach (var c in decision!.Candidates)
        {
            chart.AddLine(c.Candidate, c.Curve.Lrs, c.Curve.Mean, c.Candidate == decision.ChosenCandidate ? LineStyle.Bold : LineStyle.Normal);
        }

        return chart.RenderSvg();
    }

    /// <summary>Each cyclical config's LR vs step, and momentum on the right axis where it cycles.</summary>
    public string Schedule()
    {
        var chart = new LineChart(new ChartOptions($"{name}: schedules", "step", "learning rate", Y2Label: "momentum"));
        foreach (var trial in trials.Where(t => t.Phase == TrialPhase.Clr))
        {
            var p = points[trial.Id];
            var steps = p.Select(x => (double)x.Step).ToList();
            chart.AddLine(trial.Id, steps, p.Select(x => x.Lr).ToList(), LineStyle.Normal);
            if (p.Any(x => x.Momentum is not null))
            {
                chart.AddLine($"{trial.Id} momentum", steps, p.Select(x => x.Momentum ?? double.NaN).ToList(), LineStyle.Dashed, secondaryAxis: true);
            }
        }

        return chart.RenderSvg();
    }

    public string Validation()
    {
        var chart = new LineChart(new ChartOptions($"{name}: validation loss per epoch", "epoch", "validation loss"));
        foreach (var (id, list) in epochs.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            chart.AddLine(id, list.Select(e => (double)e.Epoch).ToList(), list.Select(e => e.ValLoss).ToList(), LineStyle.Normal);
        }

        return chart.RenderSvg();
    }

    private static string Candidate(TrialRecord t) =>
        System.Text.Json.JsonSerializer.Deserialize<TrialDefinition>(t.DefinitionJson, LrCluster.Grains.Json.Options)!.Candidate;

    private static double At(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double x)
    {
        var best = 0;
        for (var i = 1; i < xs.Count; i++)
        {
            if (Math.Abs(Math.Log(xs[i] / x)) < Math.Abs(Math.Log(xs[best] / x)))
            {
                best = i;
            }
        }

        return ys[best];
    }
}
