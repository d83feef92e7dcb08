using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;

namespace LrCluster.Grains.Sweeps;

/// <summary>Expands a spec into trial definitions: candidates x repeats for the range test, one trial per cyclical config.</summary>
public static class SweepPlan
{
    public static IReadOnlyList<TrialDefinition> RangeTests(SweepSpec spec) =>
        spec.RangeTest is null
            ? []
            : spec.RangeTest.Candidates
                .SelectMany(c => Enumerable.Range(0, spec.RangeTest.Repeats).Select(r =>
                    new TrialDefinition(TrialDefinition.RangeTestId(c.Name, r), TrialPhase.RangeTest, c.Name, r, spec.Seed + r, c.Optimizer, c.BatchSize)))
                .ToList();

    public static IReadOnlyList<TrialDefinition> Clr(SweepSpec spec, SweepDecision? decision, int trainRows)
    {
        if (spec.Clr is null)
        {
            return [];
        }

        // Cyclical trials train with the candidate the range test chose (its optimizer and batch size).
        var candidate = decision is null ? null : spec.RangeTest?.Candidates.First(c => c.Name == decision.ChosenCandidate);
        var optimizer = candidate?.Optimizer ?? spec.Optimizer;
        var batch = candidate?.BatchSize ?? spec.BatchSize;
        var batchesPerEpoch = Math.Max(1, trainRows / batch);
        return spec.Clr.Configs
            .Select(c => new TrialDefinition(TrialDefinition.ClrId(c.Name), TrialPhase.Clr, candidate?.Name ?? "base", 0, spec.Seed, optimizer, batch, c.Name,
                ScheduleFactory.Resolve(c, spec.Clr, decision?.Section, decision?.SuggestedLr, optimizer, batchesPerEpoch)))
            .ToList();
    }
}
