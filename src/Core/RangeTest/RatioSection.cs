namespace LrCluster.Core.RangeTest;

/// <summary>
/// Smith's rule of thumb: <c>maxLr</c> is the LR at the lowest loss of the curve (NaN ignored) and
/// <c>baseLr = maxLr / ratio</c>. The suggestion is not used (<see cref="SuggestionSection"/> does that). Null when
/// the curve is empty, all NaN, or never falls below its first loss, since then the minimum says nothing about
/// where training works.
/// </summary>
public sealed class RatioSection : ISectionRule
{
    public const string RuleName = "ratio";

    public RatioSection(double ratio = 4)
    {
        SectionGuard.Ratio(ratio);
        Ratio = ratio;
    }

    public double Ratio { get; }

    public string Name => RuleName;

    public LrSection? Choose(IReadOnlyList<double> lrs, IReadOnlyList<double> losses, Suggestion? suggestion)
    {
        CurveMath.CheckCurve(lrs, losses);
        int minIdx = CurveMath.ArgMin(losses, 0, losses.Count);
        if (minIdx <= 0)
        {
            return null;
        }

        double maxLr = lrs[minIdx];
        return new LrSection(maxLr / Ratio, maxLr, Name);
    }
}
