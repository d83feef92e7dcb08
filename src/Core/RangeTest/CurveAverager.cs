namespace LrCluster.Core.RangeTest;

/// <summary>Averages repeated range tests whose LR ladders need not line up.</summary>
public static class CurveAverager
{
    // Grid points computed through exp(log) can land an ulp outside a curve whose end they should match;
    // within this distance in log LR (a relative 1e-9 in LR) they still count as inside.
    private const double LogTolerance = 1e-9;

    /// <summary>
    /// Puts every curve on one log-spaced LR grid spanning the union of their ranges (<paramref name="points"/>
    /// points; 0 means the length of the longest curve) and averages them. Each curve is linearly interpolated in
    /// log LR, only inside its own range: a curve that stopped early (diverged) does not count beyond its end.
    /// Non-finite losses are dropped first, so a curve's range ends at its last finite loss. LRs must be finite,
    /// positive and strictly ascending. When every loss is non-finite the result is empty.
    /// </summary>
    public static AveragedCurve Average(IReadOnlyList<Curve> curves, int points = 0)
    {
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Count == 0)
        {
            throw new ArgumentException("curves must hold at least one curve.", nameof(curves));
        }

        if (points < 0 || points == 1)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, "points must be 0 (the longest curve's length) or at least 2.");
        }

        var finite = new List<(double[] LogLrs, double[] Losses)>();
        int longest = 0;
        for (int c = 0; c < curves.Count; c++)
        {
            Curve curve = curves[c] ?? throw new ArgumentException($"curves[{c}] must not be null.", nameof(curves));
            CheckCurve(curve, c);
            longest = Math.Max(longest, curve.Lrs.Count);
            var logLrs = new List<double>();
            var losses = new List<double>();
            for (int i = 0; i < curve.Lrs.Count; i++)
            {
                if (double.IsFinite(curve.Losses[i]))
                {
                    logLrs.Add(Math.Log(curve.Lrs[i]));
                    losses.Add(curve.Losses[i]);
                }
            }

            if (logLrs.Count > 0)
            {
                finite.Add((logLrs.ToArray(), losses.ToArray()));
            }
        }

        if (finite.Count == 0)
        {
            return new AveragedCurve(Array.Empty<double>(), Array.Empty<double>(), Array.Empty<double>(), Array.Empty<int>());
        }

        double[] grid = Grid(curves, finite, points == 0 ? longest : points);
        var mean = new double[grid.Length];
        var std = new double[grid.Length];
        var count = new int[grid.Length];
        var values = new List<double>(finite.Count);
        for (int k = 0; k < grid.Length; k++)
        {
            double logLr = Math.Log(grid[k]);
            values.Clear();
            foreach (var (logLrs, losses) in finite)
            {
                if (Interpolate(logLrs, losses, logLr) is double value)
                {
                    values.Add(value);
                }
            }

            (mean[k], std[k]) = MeanAndStd(values);
            count[k] = values.Count;
        }

        return new AveragedCurve(grid, mean, std, count);
    }

    /// <summary>Mean and sample standard deviation; the std is 0 for one value and both are NaN for none.</summary>
    internal static (double Mean, double Std) MeanAndStd(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        double mean = sum / values.Count;
        if (values.Count == 1)
        {
            return (mean, 0);
        }

        double squares = 0;
        foreach (double v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return (mean, Math.Sqrt(squares / (values.Count - 1)));
    }

    private static void CheckCurve(Curve curve, int c)
    {
        if (curve.Lrs is null || curve.Losses is null)
        {
            throw new ArgumentException($"curves[{c}] must have both Lrs and Losses.", "curves");
        }

        if (curve.Lrs.Count != curve.Losses.Count)
        {
            throw new ArgumentException(
                $"curves[{c}] has {curve.Lrs.Count} LRs but {curve.Losses.Count} losses; they must match.", "curves");
        }

        for (int i = 0; i < curve.Lrs.Count; i++)
        {
            double lr = curve.Lrs[i];
            if (!double.IsFinite(lr) || lr <= 0)
            {
                throw new ArgumentException($"curves[{c}].Lrs[{i}] must be a finite number greater than 0 (was {lr}).", "curves");
            }

            if (i > 0 && !(lr > curve.Lrs[i - 1]))
            {
                throw new ArgumentException(
                    $"curves[{c}].Lrs must be strictly ascending, but Lrs[{i}] = {lr} follows {curve.Lrs[i - 1]}.", "curves");
            }
        }
    }

    private static double[] Grid(IReadOnlyList<Curve> curves, List<(double[] LogLrs, double[] Losses)> finite, int points)
    {
        // The ends are taken from the curves' own LRs, not exp(log(.)), so they match exactly.
        double lo = double.PositiveInfinity;
        double hi = double.NegativeInfinity;
        foreach (Curve curve in curves)
        {
            for (int i = 0; i < curve.Lrs.Count; i++)
            {
                if (double.IsFinite(curve.Losses[i]))
                {
                    lo = Math.Min(lo, curve.Lrs[i]);
                    hi = Math.Max(hi, curve.Lrs[i]);
                }
            }
        }

        if (lo == hi)
        {
            return new[] { lo };
        }

        points = Math.Max(points, 2);
        double logLo = finite.Min(f => f.LogLrs[0]);
        double logHi = finite.Max(f => f.LogLrs[^1]);
        var grid = new double[points];
        grid[0] = lo;
        grid[points - 1] = hi;
        for (int k = 1; k < points - 1; k++)
        {
            grid[k] = Math.Exp(logLo + (logHi - logLo) * k / (points - 1));
        }

        return grid;
    }

    private static double? Interpolate(double[] logLrs, double[] losses, double logLr)
    {
        int last = logLrs.Length - 1;
        if (logLr < logLrs[0] - LogTolerance || logLr > logLrs[last] + LogTolerance)
        {
            return null;
        }

        logLr = Math.Clamp(logLr, logLrs[0], logLrs[last]);
        int i = Array.BinarySearch(logLrs, logLr);
        if (i >= 0)
        {
            return losses[i];
        }

        // ~i is the first knot above logLr; the clamp guarantees it is neither 0 nor past the end.
        int right = ~i;
        int left = right - 1;
        double t = (logLr - logLrs[left]) / (logLrs[right] - logLrs[left]);
        return losses[left] + t * (losses[right] - losses[left]);
    }
}
