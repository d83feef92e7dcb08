namespace LrCluster.Core.Diagnostics;

/// <summary>The thresholds of the diagnostics (docs/diagnostics.md says why each value).</summary>
public sealed record DiagnosticThresholds
{
    public static DiagnosticThresholds Default { get; } = new();

    /// <summary>"Still falling at the end": the mean curve's minimum lies in this last share of its points (at least 3 points).</summary>
    public double TailShare { get; init; } = 0.1;

    /// <summary>Repeats disagree above this sample std of ln(answer): e^0.5 ≈ 1.65, a typical repeat 65% away from the others.</summary>
    public double RepeatLogStd { get; init; } = 0.5;

    /// <summary>Section and suggestion this many decades apart (1: a factor of 10) or more.</summary>
    public double SectionGapDecades { get; init; } = 1;

    /// <summary>A method that looked at fewer points than this (inside its window) answers from too little curve.</summary>
    public int MinWindowPoints { get; init; } = 10;

    /// <summary>Validation-mode noise (median |second difference| of the raw losses) above this share of the smoothed curve's fall.</summary>
    public double NoiseShare { get; init; } = 0.2;
}
