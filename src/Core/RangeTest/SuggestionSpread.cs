namespace LrCluster.Core.RangeTest;

/// <summary>
/// How one suggestion method behaves across repeats: its answer on the mean curve, its answers on each repeat
/// that gave one, and their geometric mean and the sample std of their natural log (null when no repeat gave
/// an answer; the std is 0 for a single answer).
/// </summary>
public sealed record SuggestionSpread(string Method, double? MeanCurveLr, IReadOnlyList<double> PerRepeat, double? GeometricMean, double? LogStd);
