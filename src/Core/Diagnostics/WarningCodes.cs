namespace LrCluster.Core.Diagnostics;

/// <summary>The codes of <see cref="SweepWarning"/>; documented with their thresholds in docs/diagnostics.md.</summary>
public static class WarningCodes
{
    /// <summary>No repeat diverged and the mean curve's lowest point is in the last part of the ladder.</summary>
    public const string CurveNeverTurnedUp = "curveNeverTurnedUp";

    /// <summary>A method's answer is the first or last point its window allows (fastai's [num_it // 10, n - 5), steepest's [10, n - 5)).</summary>
    public const string SuggestionAtWindowEdge = "suggestionAtWindowEdge";

    /// <summary>A method's answer is the first or last point of the ladder.</summary>
    public const string SuggestionAtLadderEdge = "suggestionAtLadderEdge";

    /// <summary>A method gave no answer, or looked at fewer points than the threshold.</summary>
    public const string TooFewPoints = "tooFewPoints";

    /// <summary>The per-repeat answers of a method spread more than the threshold (sample std of their natural log).</summary>
    public const string RepeatsDisagree = "repeatsDisagree";

    /// <summary>The chosen suggestion lies an order of magnitude or more outside the section's bounds.</summary>
    public const string SectionFarFromSuggestion = "sectionFarFromSuggestion";

    /// <summary>A range test recorded a NaN or infinite loss: it stopped on it, not on the smoothed divergence rule.</summary>
    public const string NonFiniteLoss = "nonFiniteLoss";

    /// <summary>A validation-mode curve whose point-to-point noise is large against how far the loss fell.</summary>
    public const string NoisyValidationCurve = "noisyValidationCurve";

    /// <summary>The fixed-LR baseline ended with a lower validation loss than every cyclical config.</summary>
    public const string BaselineBeatsEveryConfig = "baselineBeatsEveryConfig";

    /// <summary>A cyclical config's loss went non-finite.</summary>
    public const string ConfigDiverged = "configDiverged";

    /// <summary>A cyclical config's training ends inside a cycle (Smith: stop at the end of one).</summary>
    public const string EndsMidCycle = "endsMidCycle";
}
