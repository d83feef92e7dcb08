namespace LrCluster.Core.Spec;

/// <summary>The range-test phase: the ladder, how loss is measured and smoothed, repeats, candidates and the decision rules.</summary>
public sealed record RangeTestSpec(
    double Start,
    double End,
    int Steps,
    string Mode,
    double Multiplier,
    int SamplesPerLr,
    SmoothingSpec Smoothing,
    double Divergence,
    int Repeats,
    IReadOnlyList<CandidateSpec> Candidates,
    string Suggest,
    string Section,
    double SectionRatio,
    string Measure,
    int ValidateEvery)
{
    public static IReadOnlyList<string> Modes { get; } = ["exp", "linear", "expFastai", "multiplier", "grid"];

    public static IReadOnlyList<string> Measures { get; } = ["train", "validation"];
}
