namespace LrCluster.Core.RangeTest;

/// <summary>
/// torch-lr-finder's suggestion (fastai v1's <c>min_grad_lr</c>): skip the first 10 and last 5 points, then
/// answer the LR where numpy's gradient of the loss (by index) is lowest. NaN gradients are skipped rather than
/// chosen. Needs at least two points after the skip, so n &gt;= 17.
/// </summary>
public sealed class SteepestSuggestion : ISuggestionMethod
{
    public const string MethodName = "steepest";

    private const int SkipStart = 10;
    private const int SkipEnd = 5;

    public string Name => MethodName;

    public Suggestion? Suggest(IReadOnlyList<double> lrs, IReadOnlyList<double> losses)
    {
        CurveMath.CheckCurve(lrs, losses);
        int start = SkipStart;
        int end = losses.Count - SkipEnd;
        if (end - start < 2)
        {
            return null;
        }

        double[] g = CurveMath.Gradient(losses, start, end);
        int best = CurveMath.ArgMin(g, 0, g.Length);
        return best < 0 ? null : new Suggestion(Name, lrs[start + best], start + best);
    }
}
