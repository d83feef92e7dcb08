using LrCluster.Core.Diagnostics;
using LrCluster.Core.RangeTest;
using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;

namespace LrCluster.Core.Tests.Diagnostics;

/// <summary>Hand-made curves, decisions and specs for the diagnostics: every expected answer is worked out in the test.</summary>
internal static class Runs
{
    /// <summary>n LRs from 1e-5 upwards, a factor of 10^(1/10) apart (a decade every 10 points).</summary>
    public static double[] Lrs(int n) => [.. Enumerable.Range(0, n).Select(i => 1e-5 * Math.Pow(10, i / 10.0))];

    public static RangeTestRun Run(string id, IReadOnlyList<double> losses, TrialStatus status = TrialStatus.Completed, IReadOnlyList<double>? smoothed = null)
    {
        var lrs = Lrs(losses.Count);
        return new RangeTestRun(id, "base", status, [.. losses.Select((l, i) => new LossPoint(i, lrs[i], l, smoothed?[i] ?? l))]);
    }

    public static RangeTestSpec Spec(int steps, string measure = "train", string mode = "exp") => new(
        1e-5, 10, steps, mode, 1.06, 1000, new SmoothingSpec("ema", 0.98), 4, 2, [], "valley", "smith", 4, measure, 1);

    public static SweepDecision Decision(IReadOnlyList<double> mean, IReadOnlyList<SuggestionSpread>? spreads = null, LrSection? section = null, double? suggested = null)
    {
        var lrs = Lrs(mean.Count);
        var curve = new AveragedCurve(lrs, [.. mean], [.. mean.Select(_ => 0.0)], [.. mean.Select(_ => 2)]);
        return new SweepDecision("base", "valley", suggested, "smith", section,
            [new CandidateDecision("base", curve, spreads ?? [], mean.Min(), 2)]);
    }

    /// <summary>Falls linearly from 2 by <paramref name="step"/> per point for <paramref name="n"/> points.</summary>
    public static double[] Falling(int n, double step = 0.02) => [.. Enumerable.Range(0, n).Select(i => 2 - (step * i))];

    /// <summary>Falls to its lowest at <paramref name="low"/>, then climbs twice as fast.</summary>
    public static double[] Valley(int n, int low) => [.. Enumerable.Range(0, n).Select(i => i <= low ? 2 - (0.02 * i) : 2 - (0.02 * low) + (0.04 * (i - low)))];

    public static IReadOnlyList<SweepWarning> Codes(IEnumerable<SweepWarning> warnings, string code) => [.. warnings.Where(w => w.Code == code)];
}
