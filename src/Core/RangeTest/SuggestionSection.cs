namespace LrCluster.Core.RangeTest;

/// <summary><c>maxLr</c> is the suggestion's LR and <c>baseLr = maxLr / ratio</c>; null without a suggestion.</summary>
public sealed class SuggestionSection : ISectionRule
{
    public const string RuleName = "suggestion";

    public SuggestionSection(double ratio = 4)
    {
        SectionGuard.Ratio(ratio);
        Ratio = ratio;
    }

    public double Ratio { get; }

    public string Name => RuleName;

    public LrSection? Choose(IReadOnlyList<double> lrs, IReadOnlyList<double> losses, Suggestion? suggestion)
    {
        CurveMath.CheckCurve(lrs, losses);
        if (suggestion is null)
        {
            return null;
        }

        return new LrSection(suggestion.Lr / Ratio, suggestion.Lr, Name);
    }
}
