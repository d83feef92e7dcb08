namespace LrCluster.Core.Spec;

/// <summary><c>ema</c> is the bias-corrected EMA (fastai, Lightning); <c>emaUncorrected</c> is torch-lr-finder's.</summary>
public sealed record SmoothingSpec(string Kind, double Beta)
{
    public static IReadOnlyList<string> Kinds { get; } = ["ema", "emaUncorrected", "none"];
}
