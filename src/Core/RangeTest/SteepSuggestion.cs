namespace LrCluster.Core.RangeTest;

/// <summary>
/// fastai's "steep": the left point of the segment with the most negative slope of loss against log LR, on the
/// fastai window <c>[numIt // 10, n - 5)</c> cut at the first NaN. Needs at least two points in the window
/// (with the default numIt, n &gt;= 7).
/// </summary>
public sealed class SteepSuggestion : ISuggestionMethod
{
    public const string MethodName = "steep";

    public SteepSuggestion(int? numIt = null)
    {
        CurveMath.CheckNumIt(numIt);
        NumIt = numIt;
    }

    public int? NumIt { get; }

    public string Name => MethodName;

    public Suggestion? Suggest(IReadOnlyList<double> lrs, IReadOnlyList<double> losses)
    {
        CurveMath.CheckCurve(lrs, losses);
        var (start, end) = CurveMath.FastaiWindow(losses, NumIt);
        if (end - start < 2)
        {
            return null;
        }

        var slopes = new double[end - start - 1];
        for (int i = 0; i < slopes.Length; i++)
        {
            int a = start + i;
            slopes[i] = (losses[a + 1] - losses[a]) / (Math.Log(lrs[a + 1]) - Math.Log(lrs[a]));
        }

        // Repeated LRs give 0/0 slopes; those are skipped rather than chosen.
        int best = CurveMath.ArgMin(slopes, 0, slopes.Length);
        return best < 0 ? null : new Suggestion(Name, lrs[start + best], start + best);
    }
}
