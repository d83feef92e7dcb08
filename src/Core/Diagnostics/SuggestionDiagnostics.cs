using LrCluster.Core.RangeTest;
using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;

namespace LrCluster.Core.Diagnostics;

/// <summary>
/// Checks on the suggestions: answers pinned to the edge of a method's window or of the ladder, methods that saw too
/// few points, repeats that disagree, and a section far from the chosen suggestion.
/// </summary>
public static class SuggestionDiagnostics
{
    public static IEnumerable<SweepWarning> Check(RangeTestSpec spec, SweepDecision decision, DiagnosticThresholds thresholds)
    {
        int? numIt = spec.Mode == "grid" ? null : spec.Steps;
        var chosen = decision.Candidates.FirstOrDefault(c => c.Candidate == decision.ChosenCandidate);
        if (chosen is not null)
        {
            foreach (var warning in Windows(spec, chosen, numIt, thresholds))
            {
                yield return warning;
            }
        }

        foreach (var candidate in decision.Candidates)
        {
            var disagree = candidate.Suggestions
                .Where(s => s.PerRepeat.Count >= 2 && s.LogStd is { } std && std > thresholds.RepeatLogStd)
                .OrderBy(s => s.Method == decision.Method ? 0 : 1)
                .ToList();
            if (disagree.Count > 0)
            {
                var detail = string.Join("; ", disagree.Select(s =>
                    $"{s.Method}: {CurveDiagnostics.N(s.PerRepeat.Min())} to {CurveDiagnostics.N(s.PerRepeat.Max())}, log std {s.LogStd!.Value:0.00}"));
                yield return new SweepWarning(WarningCodes.RepeatsDisagree,
                    $"candidate {candidate.Candidate}: its {candidate.Repeats} repeats disagree ({detail}; above {thresholds.RepeatLogStd:0.00}), so one run's answer is noise; " +
                    "raise rangeTest.repeats, or smooth more (rangeTest.smoothing.beta), or use a method whose repeats agree",
                    candidate.Candidate);
            }
        }

        if (decision.Section is { } section && decision.SuggestedLr is { } lr && lr > 0 && section.BaseLr > 0)
        {
            var gap = Math.Max(Math.Max(Math.Log10(section.BaseLr / lr), Math.Log10(lr / section.MaxLr)), 0);
            if (gap >= thresholds.SectionGapDecades)
            {
                yield return new SweepWarning(WarningCodes.SectionFarFromSuggestion,
                    $"the {decision.SectionRule} section {CurveDiagnostics.N(section.BaseLr)} – {CurveDiagnostics.N(section.MaxLr)} and {decision.Method}'s {CurveDiagnostics.N(lr)} are {gap:0.0} decades apart: " +
                    "they read different parts of the curve; look at lr_loss.png, then use section: suggestion (bounds around the suggestion) or give clr.baseLr and clr.maxLr",
                    decision.ChosenCandidate);
            }
        }
    }

    private static IEnumerable<SweepWarning> Windows(RangeTestSpec spec, CandidateDecision candidate, int? numIt, DiagnosticThresholds thresholds)
    {
        var lrs = candidate.Curve.Lrs;
        var losses = candidate.Curve.Mean;
        var n = lrs.Count;
        foreach (var method in SuggestionMethods.Names)
        {
            var (start, end, last) = Window(method, losses, numIt);
            var answer = n < 2 ? null : SuggestionMethods.Create(method, numIt).Suggest(lrs, losses);
            if (answer is null)
            {
                yield return new SweepWarning(WarningCodes.TooFewPoints,
                    $"candidate {candidate.Candidate}: {method} gave no answer: the mean curve has {n} point(s) where every repeat contributes{WindowText(method, start, end)}, too few for it; " +
                    "make the loss fall later (a lower rangeTest.start), record more points (more rangeTest.steps) or stop later (a higher rangeTest.divergence)",
                    candidate.Candidate);
                continue;
            }

            if (end - start < thresholds.MinWindowPoints)
            {
                yield return new SweepWarning(WarningCodes.TooFewPoints,
                    $"candidate {candidate.Candidate}: {method} answered from {Math.Max(end - start, 0)} point(s){WindowText(method, start, end)}, under {thresholds.MinWindowPoints}; " +
                    "record more points before the divergence (more rangeTest.steps or a lower rangeTest.start)",
                    candidate.Candidate);
            }

            var index = answer.Index;
            if (index == 0 || index == n - 1)
            {
                yield return new SweepWarning(WarningCodes.SuggestionAtLadderEdge,
                    $"candidate {candidate.Candidate}: {method}'s answer {CurveDiagnostics.N(answer.Lr)} is the {(index == 0 ? "first" : "last")} point of the ladder, so the real one may lie beyond it; " +
                    (index == 0 ? "lower rangeTest.start" : "raise rangeTest.end (or rangeTest.divergence, if the repeats stopped early)"),
                    candidate.Candidate);
            }
            else if (end - start >= 3 && (index == start || index == last))
            {
                var first = index == start;
                yield return new SweepWarning(WarningCodes.SuggestionAtWindowEdge,
                    $"candidate {candidate.Candidate}: {method}'s answer {CurveDiagnostics.N(answer.Lr)} is the {(first ? "first" : "last")} point its window{WindowText(method, start, end)} allows, so it was cut off there; " +
                    (first ? "lower rangeTest.start so the interesting part starts later in the ladder" : "raise rangeTest.end or record more steps, so the window reaches past the turn of the curve"),
                    candidate.Candidate);
            }
        }
    }

    /// <summary>
    /// The points a method looks at, [start, end), and the last index its answer can take there: the steepest-gradient
    /// methods answer the left point of a segment, so one before the end.
    /// </summary>
    internal static (int Start, int End, int Last) Window(string method, IReadOnlyList<double> losses, int? numIt)
    {
        var n = losses.Count;
        var (start, end) = method switch
        {
            SteepestSuggestion.MethodName => (Math.Min(10, n), Math.Max(Math.Min(10, n), n - 5)),
            SectionSuggestion.MethodName => (0, n),
            _ => CurveMath.FastaiWindow(losses, numIt),
        };
        var last = method is SteepSuggestion.MethodName or SteepestSuggestion.MethodName ? end - 2 : end - 1;
        return (start, end, last);
    }

    private static string WindowText(string method, int start, int end) => method switch
    {
        SectionSuggestion.MethodName => "",
        SteepestSuggestion.MethodName => $" ([10, n - 5): indices {start} to {end - 1})",
        _ => $" (fastai's [num_it // 10, n - 5): indices {start} to {end - 1})",
    };
}
