namespace LrCluster.Plots;

/// <summary>Picks axis ranges from the data, working in log10 space on log axes.</summary>
internal static class RangeSelector
{
    private const double MedianSpreadFactor = 2.0;
    private const double OutlierSpanFactor = 2.0;
    private const double YPadding = 0.05;

    /// <summary>Plain extent of the accepted values plus a small padding, so end points do not sit on the frame.</summary>
    public static (double Min, double Max) Extent(IEnumerable<double> values, bool log, double padding)
    {
        var lo = double.PositiveInfinity;
        var hi = double.NegativeInfinity;
        foreach (var value in values)
        {
            if (Accepts(value, log))
            {
                var t = Transform(value, log);
                lo = Math.Min(lo, t);
                hi = Math.Max(hi, t);
            }
        }

        return double.IsFinite(lo) ? Pad(lo, hi, padding, log) : Default(log);
    }

    /// <summary>
    /// Y range that survives a diverging range test. In an LR range test the interesting part is the descent from
    /// the starting loss to its minimum; once the loss explodes to 1e3 or Inf, plotting it in full squashes that
    /// descent into a flat line at the bottom. So the top is cut to a "bulk" level when the full maximum would
    /// take more than half of the plot height (max − min &gt; <see cref="OutlierSpanFactor"/> × (bulk − min)).
    /// bulk = the larger of
    /// (a) the first value of every series, so the starting loss (and the early part of any falling curve) stays
    /// visible, and
    /// (b) median + <see cref="MedianSpreadFactor"/> × (median − min), a fence built from the lower half of the data
    /// only, so it stays put however large or long the explosion is, as long as it is under half of the points.
    /// Cut lines leave through the top edge (they are clipped there), which still shows that the loss diverged.
    /// The bottom is never cut: the minimum is what the reader is looking for. Linear or quadratic rising curves
    /// (accuracy) stay below the fence; an exponential ramp on a linear axis is cut, and belongs on a log axis or
    /// an explicit <see cref="ChartOptions.YRange"/> anyway.
    /// </summary>
    public static (double Min, double Max) Robust(IEnumerable<IReadOnlyList<double>> series, IEnumerable<double> extras, bool log)
    {
        var pool = new List<double>();
        var firsts = new List<double>();
        foreach (var values in series)
        {
            var seenFirst = false;
            foreach (var value in values)
            {
                if (!Accepts(value, log))
                {
                    continue;
                }

                var t = Transform(value, log);
                pool.Add(t);
                if (!seenFirst)
                {
                    firsts.Add(t);
                    seenFirst = true;
                }
            }
        }

        pool.AddRange(extras.Where(v => Accepts(v, log)).Select(v => Transform(v, log)));
        if (pool.Count == 0)
        {
            return Default(log);
        }

        pool.Sort();
        var lo = pool[0];
        var hi = pool[^1];
        var median = Quantile(pool, 0.5);
        var bulk = median + MedianSpreadFactor * (median - lo);
        if (firsts.Count > 0)
        {
            bulk = Math.Max(bulk, firsts.Max());
        }

        if (bulk > lo && hi - lo > OutlierSpanFactor * (bulk - lo))
        {
            hi = bulk;
        }

        return Pad(lo, hi, YPadding, log);
    }

    private static double Quantile(List<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static (double Min, double Max) Pad(double lo, double hi, double padding, bool log)
    {
        var span = hi - lo;
        if (span <= Math.Max(Math.Abs(lo), Math.Abs(hi)) * 1e-12)
        {
            // A flat series still needs a visible axis; centre it in one decade (log) or ±10 % / ±0.5 (linear).
            var half = log ? 0.5 : lo == 0 ? 0.5 : Math.Abs(lo) * 0.1;
            lo -= half;
            hi += half;
        }
        else
        {
            lo -= span * padding;
            hi += span * padding;
        }

        return log ? (Math.Pow(10, lo), Math.Pow(10, hi)) : (lo, hi);
    }

    private static (double Min, double Max) Default(bool log) => log ? (1, 10) : (0, 1);

    private static bool Accepts(double value, bool log) => double.IsFinite(value) && (!log || value > 0);

    private static double Transform(double value, bool log) => log ? Math.Log10(value) : value;
}
