namespace LrCluster.Core.RangeTest;

/// <summary>Checks and numeric pieces shared by the suggestion methods and section rules.</summary>
internal static class CurveMath
{
    public static void CheckCurve(IReadOnlyList<double> lrs, IReadOnlyList<double> losses)
    {
        ArgumentNullException.ThrowIfNull(lrs);
        ArgumentNullException.ThrowIfNull(losses);
        if (lrs.Count != losses.Count)
        {
            throw new ArgumentException(
                $"lrs and losses must have the same length (lrs has {lrs.Count}, losses has {losses.Count}).", nameof(losses));
        }

        for (int i = 0; i < lrs.Count; i++)
        {
            if (!double.IsFinite(lrs[i]) || lrs[i] <= 0)
            {
                throw new ArgumentException($"lrs[{i}] must be a finite number greater than 0 (was {lrs[i]}).", nameof(lrs));
            }
        }
    }

    /// <summary>
    /// First index of the minimum of <c>values[start..end)</c>, skipping NaN; -1 when there is none. numpy and
    /// torch would return the first NaN instead, which is never a useful answer.
    /// </summary>
    public static int ArgMin(IReadOnlyList<double> values, int start, int end)
    {
        int best = -1;
        for (int i = start; i < end; i++)
        {
            if (!double.IsNaN(values[i]) && (best < 0 || values[i] < values[best]))
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>numpy's <c>gradient</c> with unit spacing over <c>y[start..end)</c>; needs at least two points.</summary>
    public static double[] Gradient(IReadOnlyList<double> y, int start, int end)
    {
        int n = end - start;
        var g = new double[n];
        g[0] = y[start + 1] - y[start];
        g[n - 1] = y[end - 1] - y[end - 2];
        for (int i = 1; i < n - 1; i++)
        {
            g[i] = (y[start + i + 1] - y[start + i - 1]) / 2.0;
        }

        return g;
    }

    /// <summary>
    /// fastai's window: <c>[numIt // 10, n - 5)</c> with numIt defaulting to n, then cut at the first NaN loss.
    /// Returns an empty window (End &lt;= Start) when nothing is left.
    /// </summary>
    public static (int Start, int End) FastaiWindow(IReadOnlyList<double> losses, int? numIt)
    {
        int n = losses.Count;
        int start = Math.Min((numIt ?? n) / 10, n);
        int end = Math.Max(start, n - 5);
        for (int i = start; i < end; i++)
        {
            if (double.IsNaN(losses[i]))
            {
                end = i;
                break;
            }
        }

        return (start, end);
    }

    public static void CheckNumIt(int? numIt)
    {
        if (numIt is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numIt), numIt, "numIt must be null (use the curve length) or at least 1.");
        }
    }
}
