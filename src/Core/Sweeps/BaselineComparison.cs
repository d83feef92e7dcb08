namespace LrCluster.Core.Sweeps;

/// <summary>
/// Smith's comparison with a fixed LR: for every config, how many steps it needed to reach the validation metric the
/// <c>fixed</c> baseline reached at its best, and that count over the baseline's own. Evaluations come from every
/// <c>clr.evaluateEvery</c> steps and every epoch end, so the count is only as fine as they are.
/// </summary>
public static class BaselineComparison
{
    /// <summary>The first config with policy <c>fixed</c> (in spec order) is the baseline; null when there is none.</summary>
    public static string? BaselineOf(IEnumerable<(string Config, string Policy)> configs) =>
        configs.FirstOrDefault(c => c.Policy == "fixed").Config;

    /// <summary>
    /// Fills <see cref="ClrResult.StepsToBaseline"/> and <see cref="ClrResult.BaselineStepRatio"/>; returns the results
    /// unchanged when the baseline has no finite evaluation.
    /// </summary>
    public static IReadOnlyList<ClrResult> Apply(
        IReadOnlyList<ClrResult> results,
        IReadOnlyDictionary<string, IReadOnlyList<EvaluationPoint>> evaluations,
        string baseline,
        bool higherIsBetter)
    {
        if (Target(evaluations.GetValueOrDefault(baseline), higherIsBetter) is not { } target)
        {
            return results;
        }

        var baselineSteps = StepsToReach(evaluations[baseline], target, higherIsBetter)!.Value;
        return results.Select(r => StepsToReach(evaluations.GetValueOrDefault(r.Config), target, higherIsBetter) is { } steps
                ? r with { StepsToBaseline = steps, BaselineStepRatio = (double)steps / baselineSteps }
                : r)
            .ToList();
    }

    /// <summary>The baseline's best finite metric: what every config is asked to reach.</summary>
    public static double? Target(IReadOnlyList<EvaluationPoint>? evaluations, bool higherIsBetter)
    {
        var finite = (evaluations ?? []).Select(e => e.ValMetric).Where(double.IsFinite).ToList();
        return finite.Count == 0 ? null : higherIsBetter ? finite.Max() : finite.Min();
    }

    /// <summary>The first evaluated step whose metric reaches <paramref name="target"/>, or null.</summary>
    public static long? StepsToReach(IReadOnlyList<EvaluationPoint>? evaluations, double target, bool higherIsBetter) =>
        (evaluations ?? []).OrderBy(e => e.Step).FirstOrDefault(e => ValidationMetric.Reaches(e.ValMetric, target, higherIsBetter))?.Step;
}
