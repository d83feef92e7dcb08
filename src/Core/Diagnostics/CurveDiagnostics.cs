using System.Globalization;
using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;

namespace LrCluster.Core.Diagnostics;

/// <summary>Checks on the range-test curves themselves: a curve that never turned up, non-finite losses, noisy validation curves.</summary>
public static class CurveDiagnostics
{
    public static IEnumerable<SweepWarning> Check(RangeTestSpec spec, SweepDecision decision, IReadOnlyList<RangeTestRun> runs, DiagnosticThresholds thresholds)
    {
        foreach (var candidate in decision.Candidates)
        {
            var own = runs.Where(r => r.Candidate == candidate.Candidate).ToList();
            if (NeverTurnedUp(candidate.Curve.Mean, own, thresholds) is { } end)
            {
                var lr = candidate.Curve.Lrs[end];
                yield return new SweepWarning(WarningCodes.CurveNeverTurnedUp,
                    $"candidate {candidate.Candidate}: the loss was still falling at the end of the ladder (lowest at lr {N(lr)}, the last {Share(thresholds.TailShare)} of the curve) and no repeat diverged, " +
                    "so it fell because the model trained, not because the LR got right, and the suggestions are not to be trusted; " +
                    $"raise rangeTest.end (to {N(spec.End * 10)} or more) or use fewer rangeTest.steps",
                    candidate.Candidate);
            }

            if (spec.Measure == "validation" && Noisiest(own) is { } noisy && noisy.Share > thresholds.NoiseShare)
            {
                yield return new SweepWarning(WarningCodes.NoisyValidationCurve,
                    $"candidate {candidate.Candidate}: the validation-mode curve of {noisy.Run.TrialId} is too noisy to use (median point-to-point noise {Share(noisy.Share)} of how far the loss fell, above {Share(thresholds.NoiseShare)}); " +
                    "evaluate on more held-out rows (data.validation), or evaluate less often with more steps between (rangeTest.validateEvery), or use measure: train",
                    candidate.Candidate);
            }
        }

        foreach (var run in runs)
        {
            var bad = run.Points.FirstOrDefault(p => !double.IsFinite(p.Loss));
            if (bad is not null)
            {
                yield return new SweepWarning(WarningCodes.NonFiniteLoss,
                    $"{run.TrialId}: the loss became {(double.IsNaN(bad.Loss) ? "NaN" : "infinite")} at step {bad.Step} (lr {N(bad.Lr)}) before the smoothed loss rose past the divergence rule: " +
                    "it blew up within a step, so the end of this curve is unreliable; use a finer ladder (more rangeTest.steps) or a lower rangeTest.end",
                    run.Candidate);
            }
        }
    }

    /// <summary>The index of the mean curve's minimum when no run diverged and the minimum lies in the curve's tail; else null.</summary>
    internal static int? NeverTurnedUp(IReadOnlyList<double> mean, IReadOnlyList<RangeTestRun> runs, DiagnosticThresholds thresholds)
    {
        if (runs.Count == 0 || runs.Any(r => r.Status != TrialStatus.Completed) || mean.Count < 3)
        {
            return null;
        }

        var min = -1;
        for (var i = 0; i < mean.Count; i++)
        {
            if (double.IsFinite(mean[i]) && (min < 0 || mean[i] < mean[min]))
            {
                min = i;
            }
        }

        var tail = Math.Max(3, (int)Math.Ceiling(thresholds.TailShare * mean.Count));
        return min >= 0 && min >= mean.Count - tail ? min : null;
    }

    /// <summary>
    /// The run whose raw losses are noisiest against their fall: the median |l[i+1] - 2 l[i] + l[i-1]| (zero on any
    /// straight stretch, 4a for a zigzag of ±a) over the first smoothed value minus the lowest (null
    /// when the smoothed loss never fell: there is no fall to compare with).
    /// </summary>
    internal static (RangeTestRun Run, double Share)? Noisiest(IReadOnlyList<RangeTestRun> runs) =>
        runs.Select(r => (Run: r, Share: NoiseShare(r.Points))).Where(x => x.Share is not null)
            .Select(x => (x.Run, Share: x.Share!.Value)).OrderByDescending(x => x.Share).Cast<(RangeTestRun, double)?>().FirstOrDefault();

    internal static double? NoiseShare(IReadOnlyList<LossPoint> points)
    {
        var finite = points.Where(p => double.IsFinite(p.Loss) && double.IsFinite(p.Smoothed)).ToList();
        if (finite.Count < 5)
        {
            return null;
        }

        var second = new List<double>();
        for (var i = 1; i < finite.Count - 1; i++)
        {
            second.Add(Math.Abs(finite[i + 1].Loss - (2 * finite[i].Loss) + finite[i - 1].Loss));
        }

        second.Sort();
        var median = second.Count % 2 == 1 ? second[second.Count / 2] : (second[(second.Count / 2) - 1] + second[second.Count / 2]) / 2;
        var fall = finite[0].Smoothed - finite.Min(p => p.Smoothed);
        return fall > 0 ? median / fall : null;
    }

    internal static string N(double v) => v.ToString("G3", CultureInfo.InvariantCulture);

    internal static string Share(double v) => (v * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
