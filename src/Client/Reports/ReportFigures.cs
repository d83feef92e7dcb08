using System.Globalization;
using LrCluster.Core.Sweeps;
using LrCluster.Plots;

namespace LrCluster.Client.Reports;

/// <summary>
/// The report's figures as <see cref="Figure"/>s, built from what the store holds; each is drawn as SVG and PNG by
/// ScottPlot and as an interactive chart in report.html from the same description.
/// </summary>
public static class ReportFigures
{
    /// <summary>Every figure the sweep has data for, in report order (file names are their ids).</summary>
    public static IReadOnlyList<Figure> All(ReportData data, string metricName)
    {
        var figures = new List<Figure>();
        if (data.Decision is { } decision && decision.Candidates.Any(c => c.Candidate == decision.ChosenCandidate))
        {
            figures.Add(LrLoss(data, decision));
            if (decision.Candidates.Count > 1)
            {
                figures.Add(Candidates(data.Sweep.Name, decision));
            }

            if (Section(data.Sweep.Name, decision) is { } section)
            {
                figures.Add(section);
            }
        }

        if (data.Results is not null)
        {
            figures.Add(Schedule(data));
            figures.Add(Validation(data));
            if (Metric(data, metricName) is { } metric)
            {
                figures.Add(metric);
            }
        }

        return figures;
    }

    /// <summary>LR vs loss of the chosen candidate: every repeat faint, the mean bold, the spread shaded, each suggestion marked, the section shaded.</summary>
    public static Figure LrLoss(ReportData data, SweepDecision decision)
    {
        var chosen = decision.Candidates.First(c => c.Candidate == decision.ChosenCandidate);
        var mean = chosen.Curve;
        var repeats = data.Trials
            .Where(t => t.Phase == TrialPhase.RangeTest && ReportData.Definition(t).Candidate == chosen.Candidate)
            .Select(t => data.Points[t.Id])
            .Select((p, i) => new FigureLine($"repeat {i}", [.. p.Select(x => x.Lr)], [.. p.Select(x => x.Smoothed)], 0, LineWeight.Faint)
            {
                LegendGroup = "repeats",
                Steps = [.. p.Select(x => x.Step)],
            });
        return new Figure("lr_loss", $"{data.Sweep.Name}: LR range test ({chosen.Candidate}, {chosen.Repeats} repeat{(chosen.Repeats == 1 ? "" : "s")})", "learning rate", "smoothed loss")
        {
            LogX = true,
            Lines = [.. repeats, new FigureLine("mean", mean.Lrs, mean.Mean, 0, LineWeight.Bold)],
            Bands = chosen.Repeats > 1 ? [new FigureBand("mean ± std", mean.Lrs, Offset(mean, -1), Offset(mean, 1), 0)] : [],
            Markers = Suggestions(chosen),
            Spans = decision.Section is { } s ? [new FigureSpan($"{decision.SectionRule} section {N(s.BaseLr)} – {N(s.MaxLr)}", s.BaseLr, s.MaxLr)] : [],
            YMax = Cap(mean.Mean),
        };
    }

    public static Figure Candidates(string name, SweepDecision decision) =>
        new("candidates", $"{name}: candidates (mean curves)", "learning rate", "smoothed loss")
        {
            LogX = true,
            Lines = [.. decision.Candidates.Select((c, i) => new FigureLine(c.Candidate, c.Curve.Lrs, c.Curve.Mean, i,
                c.Candidate == decision.ChosenCandidate ? LineWeight.Bold : LineWeight.Normal))],
            YMax = Cap(decision.Candidates.SelectMany(c => c.Curve.Mean).ToList()),
        };

    /// <summary>The chosen candidate's mean curve around the section: where the bounds sit on the curve, and where the suggestion does.</summary>
    public static Figure? Section(string name, SweepDecision decision)
    {
        if (decision.Section is not { } section)
        {
            return null;
        }

        var chosen = decision.Candidates.First(c => c.Candidate == decision.ChosenCandidate);
        var curve = chosen.Curve;
        var from = Math.Min(section.BaseLr, decision.SuggestedLr ?? section.BaseLr) / 10;
        var to = Math.Max(section.MaxLr, decision.SuggestedLr ?? section.MaxLr) * 10;
        var keep = Enumerable.Range(0, curve.Lrs.Count).Where(i => curve.Lrs[i] >= from && curve.Lrs[i] <= to).ToList();
        if (keep.Count < 2)
        {
            return null;
        }

        var lrs = keep.Select(i => curve.Lrs[i]).ToList();
        var mean = keep.Select(i => curve.Mean[i]).ToList();
        var markers = new List<FigureMarker>
        {
            new($"baseLr {N(section.BaseLr)}", section.BaseLr, At(lrs, mean, section.BaseLr), 2),
            new($"maxLr {N(section.MaxLr)}", section.MaxLr, At(lrs, mean, section.MaxLr), 3),
        };
        if (decision.SuggestedLr is { } lr)
        {
            markers.Add(new FigureMarker($"{decision.Method} {N(lr)}", lr, At(lrs, mean, lr), 1));
        }

        return new Figure("section", $"{name}: the LR section ({decision.SectionRule}, {chosen.Candidate})", "learning rate", "smoothed loss")
        {
            LogX = true,
            Lines = [new FigureLine("mean", lrs, mean, 0, LineWeight.Bold)],
            Bands = chosen.Repeats > 1
                ? [new FigureBand("mean ± std", lrs, [.. keep.Select(i => curve.Mean[i] - curve.Std[i])], [.. keep.Select(i => curve.Mean[i] + curve.Std[i])], 0)]
                : [],
            Markers = markers,
            Spans = [new FigureSpan($"{decision.SectionRule} section", section.BaseLr, section.MaxLr)],
            YMax = Cap(mean),
        };
    }

    /// <summary>Each cyclical config's LR per step, and its momentum on the right axis where it cycles.</summary>
    public static Figure Schedule(ReportData data)
    {
        var lines = new List<FigureLine>();
        foreach (var (trial, i) in ClrTrials(data))
        {
            var p = data.Points[trial.Id];
            var steps = p.Select(x => (double)x.Step).ToList();
            lines.Add(new FigureLine(Config(trial), steps, [.. p.Select(x => x.Lr)], i));
            if (p.Any(x => x.Momentum is not null))
            {
                lines.Add(new FigureLine($"{Config(trial)} momentum", steps, [.. p.Select(x => x.Momentum ?? double.NaN)], i) { Dashed = true, RightAxis = true });
            }
        }

        return new Figure("schedule", $"{data.Sweep.Name}: schedules", "step", "learning rate")
        {
            Lines = lines,
            Y2Label = lines.Any(l => l.RightAxis) ? "momentum" : null,
        };
    }

    /// <summary>Validation loss of each config at every evaluation.</summary>
    public static Figure Validation(ReportData data) =>
        new("clr_validation", $"{data.Sweep.Name}: validation loss", "step", "validation loss")
        {
            Lines = [.. ClrTrials(data).Select(x => Evaluations(data, x.Trial, x.Index, e => e.ValLoss))],
        };

    /// <summary>
    /// The validation metric of each config at every evaluation, the fixed baseline's best as a level and, per config,
    /// the step where it first reached it (stepsToBaseline). Null without a baseline.
    /// </summary>
    public static Figure? Metric(ReportData data, string metricName)
    {
        var ranking = data.Results!.Ranking;
        var baseline = BaselineComparison.BaselineOf(ranking.Select(r => (r.Config, r.Policy)));
        var trials = ClrTrials(data).ToList();
        var baselineTrial = trials.FirstOrDefault(t => Config(t.Trial) == baseline).Trial;
        if (baseline is null || baselineTrial is null || data.Spec is null)
        {
            return null;
        }

        var higher = ValidationMetric.HigherIsBetter(data.Spec.Loss);
        if (BaselineComparison.Target(data.Evaluations[baselineTrial.Id], higher) is not { } target)
        {
            return null;
        }

        var markers = new List<FigureMarker>();
        foreach (var (trial, i) in trials)
        {
            if (ranking.FirstOrDefault(r => r.Config == Config(trial))?.StepsToBaseline is { } steps
                && data.Evaluations[trial.Id].FirstOrDefault(e => e.Step == steps) is { } reached)
            {
                markers.Add(new FigureMarker($"{Config(trial)} {steps.ToString(CultureInfo.InvariantCulture)}", steps, reached.ValMetric, i));
            }
        }

        return new Figure("clr_metric", $"{data.Sweep.Name}: validation {metricName} and the steps to the fixed baseline's best", "step", $"validation {metricName}")
        {
            Lines = [.. trials.Select(x => Evaluations(data, x.Trial, x.Index, e => e.ValMetric))],
            Levels = [new FigureLevel($"{baseline} best {N(target)}", target, trials.First(t => t.Trial == baselineTrial).Index)],
            Markers = markers,
        };
    }

    private static FigureLine Evaluations(ReportData data, Grains.Store.TrialRecord trial, int color, Func<EvaluationPoint, double> value)
    {
        var e = data.Evaluations[trial.Id];
        return new FigureLine(Config(trial), [.. e.Select(x => (double)x.Step)], [.. e.Select(value)], color) { Steps = [.. e.Select(x => x.Step)] };
    }

    private static IEnumerable<(Grains.Store.TrialRecord Trial, int Index)> ClrTrials(ReportData data) =>
        data.Trials.Where(t => t.Phase == TrialPhase.Clr).Select((t, i) => (t, i));

    private static string Config(Grains.Store.TrialRecord trial) => ReportData.Definition(trial).Config ?? trial.Id;

    /// <summary>Methods that agree share one marker, so their labels do not repeat one another.</summary>
    private static IReadOnlyList<FigureMarker> Suggestions(CandidateDecision chosen) =>
        [.. chosen.Suggestions.Where(s => s.MeanCurveLr is not null).GroupBy(s => s.MeanCurveLr!.Value)
            .Select((g, i) => new FigureMarker($"{string.Join(", ", g.Select(s => s.Method))} {N(g.Key)}", g.Key, At(chosen.Curve.Lrs, chosen.Curve.Mean, g.Key), i + 1))];

    private static List<double> Offset(Core.RangeTest.AveragedCurve curve, int sign) =>
        [.. curve.Mean.Zip(curve.Std, (m, s) => double.IsFinite(s) ? m + (sign * s) : m)];

    /// <summary>1.5 times the first finite value: a diverging tail would otherwise flatten the part worth reading.</summary>
    private static double? Cap(IReadOnlyList<double> values)
    {
        var first = values.FirstOrDefault(double.IsFinite);
        return first > 0 ? 1.5 * first : null;
    }

    /// <summary>The curve's value at the grid point nearest to <paramref name="x"/> in log space.</summary>
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

    internal static string N(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
