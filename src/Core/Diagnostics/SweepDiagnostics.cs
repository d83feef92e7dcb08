using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;

namespace LrCluster.Core.Diagnostics;

/// <summary>
/// Every diagnostic of a sweep, as a pure function of what the store holds: the spec, the decision, the range-test
/// curves and the cyclical results. Curve checks first, then the suggestions, then the cyclical phase.
/// </summary>
public static class SweepDiagnostics
{
    public static IReadOnlyList<SweepWarning> Check(
        SweepSpec spec,
        SweepDecision? decision,
        IReadOnlyList<RangeTestRun> runs,
        IReadOnlyList<ClrResult>? ranking,
        IReadOnlyDictionary<string, ScheduleParameters>? schedules,
        DiagnosticThresholds? thresholds = null)
    {
        thresholds ??= DiagnosticThresholds.Default;
        var warnings = new List<SweepWarning>();
        if (spec.RangeTest is { } rangeTest && decision is not null)
        {
            warnings.AddRange(CurveDiagnostics.Check(rangeTest, decision, runs, thresholds));
            warnings.AddRange(SuggestionDiagnostics.Check(rangeTest, decision, thresholds));
        }

        if (ranking is not null)
        {
            warnings.AddRange(ClrDiagnostics.Check(ranking, schedules ?? new Dictionary<string, ScheduleParameters>()));
        }

        return warnings;
    }
}
