namespace LrCluster.Core.RangeTest;

/// <summary>
/// fastai's "slide": walk a pair of points <c>lrDiff</c> apart leftwards from the end of the curve while the loss
/// gradients at the two points differ by more than <c>threshold</c>, and answer the last left point visited (or
/// the first one tried, if the walk never moves). Works on the fastai window <c>[numIt // 10, n - 5)</c> cut at the
/// first NaN, and needs more than <c>lrDiff</c> points in it (with the defaults, n &gt;= 21).
/// </summary>
public sealed class SlideSuggestion : ISuggestionMethod
{
    public const string MethodName = "slide";

    public SlideSuggestion(int? numIt = null, int lrDiff = 15, double threshold = 0.005)
    {
        CurveMath.CheckNumIt(numIt);
        if (lrDiff < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(lrDiff), lrDiff, "lrDiff must be at least 1.");
        }

        if (!double.IsFinite(threshold) || threshold < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be a finite number of at least 0.");
        }

        NumIt = numIt;
        LrDiff = lrDiff;
        Threshold = threshold;
    }

    public int? NumIt { get; }

    public int LrDiff { get; }

    public double Threshold { get; }

    public string Name => MethodName;

    public Suggestion? Suggest(IReadOnlyList<double> lrs, IReadOnlyList<double> losses)
    {
        CurveMath.CheckCurve(lrs, losses);
        var (start, end) = CurveMath.FastaiWindow(losses, NumIt);
        int n = end - start;
        // fastai indexes lrs[-1 - lrDiff] first, which does not exist unless n > lrDiff.
        if (n <= LrDiff)
        {
            return null;
        }

        double[] g = CurveMath.Gradient(losses, start, end);
        int right = n - 1;
        int left = right - LrDiff;
        int pick = left;
        while (left >= 0 && Math.Abs(g[right] - g[left]) > Threshold)
        {
            pick = left;
            right--;
            left--;
        }

        return new Suggestion(Name, lrs[start + pick], start + pick);
    }
}
