using LrCluster.Core.Sweeps;

namespace LrCluster.Core.Diagnostics;

/// <summary>Checks on the cyclical phase: configs that diverged, training that ends mid-cycle, a baseline that beat them all.</summary>
public static class ClrDiagnostics
{
    private static readonly HashSet<string> Cyclic = ["triangular", "triangular2", "exp_range", "decaying", "plateau"];

    public static IEnumerable<SweepWarning> Check(IReadOnlyList<ClrResult> ranking, IReadOnlyDictionary<string, ScheduleParameters> schedules)
    {
        foreach (var r in ranking.Where(r => r.Status == TrialStatus.Diverged))
        {
            var max = schedules.TryGetValue(r.Config, out var p) ? $" (maxLr {CurveDiagnostics.N(p.MaxLr)})" : "";
            yield return new SweepWarning(WarningCodes.ConfigDiverged,
                $"config {r.Config}: the training loss went non-finite{max}: its LR is too high for this model; lower its maxLr (or clr.maxLr), or check the range test's section",
                Config: r.Config);
        }

        foreach (var (config, p) in schedules.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var cycle = (long)p.StepSizeUp + p.StepSizeDown;
            if (Cyclic.Contains(p.Policy) && cycle > 0 && p.TotalSteps % cycle != 0)
            {
                yield return new SweepWarning(WarningCodes.EndsMidCycle,
                    $"config {config}: training stops at step {p.TotalSteps}, {p.TotalSteps % cycle} step(s) into a cycle of {cycle}: Smith stops at the end of a cycle, where the LR is lowest; " +
                    "choose clr.epochs and stepSize so that the total steps are a whole number of cycles (2 × stepSize each)",
                    Config: config);
            }
        }

        var baseline = BaselineComparison.BaselineOf(ranking.Select(r => (r.Config, r.Policy)));
        var reference = ranking.FirstOrDefault(r => r.Config == baseline);
        var others = ranking.Where(r => r.Config != baseline).ToList();
        if (reference is not null && double.IsFinite(reference.FinalValLoss) && others.Count > 0
            && others.All(r => !double.IsFinite(r.FinalValLoss) || r.FinalValLoss > reference.FinalValLoss))
        {
            yield return new SweepWarning(WarningCodes.BaselineBeatsEveryConfig,
                $"the fixed baseline {reference.Config} (final validation loss {CurveDiagnostics.N(reference.FinalValLoss)}) beat every cyclical config: " +
                "the section may be off (see the range-test warnings and lr_loss.png) or training too short to profit from cycling; train whole cycles for more epochs (stepSize 2 to 10 epochs), or give clr.baseLr and clr.maxLr",
                Config: reference.Config);
        }
    }
}
