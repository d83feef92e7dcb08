namespace LrCluster.Core.RangeTest;

/// <summary>
/// fastai's "minimum": a tenth of the LR at the lowest loss, on the fastai window
/// <c>[numIt // 10, n - 5)</c> cut at the first NaN. <see cref="Suggestion.Index"/> is the index of the minimum
/// itself. Needs at least one point in the window (with the default numIt, n &gt;= 6).
/// </summary>
public sealed class MinimumSuggestion : ISuggestionMethod
{
    public const string MethodName = "minimum";

    public MinimumSuggestion(int? numIt = null)
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
        int idx = CurveMath.ArgMin(losses, start, end);
        return idx < 0 ? null : new Suggestion(Name, lrs[idx] / 10, idx);
    }
}
