using LrCluster.Core.RangeTest;
using LrCluster.Core.Spec;

namespace LrCluster.Core.Sweeps;

/// <summary>
/// The coordinator's decision as a pure function: average each candidate's repeats on a common
/// log-LR grid, run every suggestion method on the mean curve (with the spread of the per-repeat
/// answers), pick the candidate whose mean curve reaches the lowest loss, and turn its curve into CLR
/// bounds with the spec's section rule.
/// </summary>
public static class Decider
{
    public static SweepDecision Decide(RangeTestSpec spec, IReadOnlyDictionary<string, IReadOnlyList<Curve>> curvesByCandidate)
    {
        if (curvesByCandidate.Count == 0)
        {
            throw new ArgumentException("no range-test curves to decide from", nameof(curvesByCandidate));
        }

        // fastai's trim uses num_it; on the averaged grid that is the ladder length (grid ladders have no such count).
        int? numIt = spec.Mode == "grid" ? null : spec.Steps;
        var candidates = new List<CandidateDecision>();
        foreach (var (name, curves) in curvesByCandidate.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var usable = curves.Where(c => c.Lrs.Count >= 2).ToList();
            if (usable.Count == 0)
            {
                continue;
            }

            var mean = FullCoverage(CurveAverager.Average(usable, Math.Max(usable.Max(c => c.Lrs.Count), 2)), usable.Count);
            var spreads = SuggestionMethods.Names
                .Select(m => SuggestionSpreads.Compute(SuggestionMethods.Create(m, numIt), mean, usable))
                .ToList();
            var finite = mean.Mean.Where(double.IsFinite).DefaultIfEmpty(double.PositiveInfinity);
            candidates.Add(new CandidateDecision(name, mean, spreads, finite.Min(), usable.Count));
        }

        if (candidates.Count == 0)
        {
            throw new InvalidOperationException("every range test stopped before recording two points; lower rangeTest.start or raise divergence");
        }

        var chosen = candidates.MinBy(c => c.MinMeanLoss)!;
        var suggestion = chosen.Suggestions.First(s => s.Method == spec.Suggest);
        var mainSuggestion = suggestion.MeanCurveLr is { } lr
            ? new Suggestion(spec.Suggest, lr, IndexOf(chosen.Curve.Lrs, lr))
            : null;
        ISectionRule rule = spec.Section switch
        {
            "ratio" => new RatioSection(spec.SectionRatio),
            "suggestion" => new SuggestionSection(spec.SectionRatio),
            _ => SectionRules.Create(spec.Section),
        };
        var section = rule.Choose(chosen.Curve.Lrs, chosen.Curve.Mean, mainSuggestion);
        return new SweepDecision(chosen.Candidate, spec.Suggest, mainSuggestion?.Lr, spec.Section, section, candidates);
    }

    /// <summary>
    /// Keeps the part of the grid where every repeat contributes. Past the first divergence the "mean"
    /// averages a shrinking subset of curves and jumps where each one ends; a suggestion taken there
    /// (steepest descent especially) would be an artefact of averaging, not of training.
    /// </summary>
    private static AveragedCurve FullCoverage(AveragedCurve curve, int repeats)
    {
        var end = 0;
        while (end < curve.Count.Count && curve.Count[end] == repeats)
        {
            end++;
        }

        // All repeats climb the same ladder, so full coverage is a prefix of the grid.
        return end < 2
            ? curve
            : new AveragedCurve(Slice(curve.Lrs, end), Slice(curve.Mean, end), Slice(curve.Std, end), curve.Count.Take(end).ToList());

        static List<double> Slice(IReadOnlyList<double> values, int count) => values.Take(count).ToList();
    }

    private static int IndexOf(IReadOnlyList<double> lrs, double lr)
    {
        for (var i = 0; i < lrs.Count; i++)
        {
            if (lrs[i] == lr)
            {
                return i;
            }
        }

        return -1;
    }
}
