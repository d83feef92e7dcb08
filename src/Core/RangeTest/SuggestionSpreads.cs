namespace LrCluster.Core.RangeTest;

public static class SuggestionSpreads
{
    /// <summary>
    /// Runs <paramref name="method"/> on the mean curve and on every repeat. Repeats too short for the method are
    /// left out of <see cref="SuggestionSpread.PerRepeat"/>, which keeps the order of <paramref name="repeats"/>.
    /// </summary>
    public static SuggestionSpread Compute(ISuggestionMethod method, AveragedCurve mean, IReadOnlyList<Curve> repeats)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(repeats);

        double? meanCurveLr = method.Suggest(mean.Lrs, mean.Mean)?.Lr;
        var perRepeat = new List<double>();
        for (int r = 0; r < repeats.Count; r++)
        {
            Curve repeat = repeats[r] ?? throw new ArgumentException($"repeats[{r}] must not be null.", nameof(repeats));
            if (method.Suggest(repeat.Lrs, repeat.Losses) is Suggestion s)
            {
                perRepeat.Add(s.Lr);
            }
        }

        if (perRepeat.Count == 0)
        {
            return new SuggestionSpread(method.Name, meanCurveLr, perRepeat.AsReadOnly(), null, null);
        }

        var logs = perRepeat.Select(lr => Math.Log(lr)).ToArray();
        var (logMean, logStd) = CurveAverager.MeanAndStd(logs);
        return new SuggestionSpread(method.Name, meanCurveLr, perRepeat.AsReadOnly(), Math.Exp(logMean), logStd);
    }
}
