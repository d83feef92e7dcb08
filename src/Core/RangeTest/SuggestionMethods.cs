namespace LrCluster.Core.RangeTest;

/// <summary>Looks suggestion methods up by name, for configuration files and the command line.</summary>
public static class SuggestionMethods
{
    public static IReadOnlyList<string> Names { get; } = new[]
    {
        MinimumSuggestion.MethodName,
        SteepSuggestion.MethodName,
        ValleySuggestion.MethodName,
        SlideSuggestion.MethodName,
        SteepestSuggestion.MethodName,
        SectionSuggestion.MethodName,
    }.AsReadOnly();

    /// <summary>
    /// Creates the method with its default settings. <paramref name="numIt"/> is the configured step count for
    /// fastai's window; "steepest" and "section" do not use it.
    /// </summary>
    public static ISuggestionMethod Create(string name, int? numIt = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            MinimumSuggestion.MethodName => new MinimumSuggestion(numIt),
            SteepSuggestion.MethodName => new SteepSuggestion(numIt),
            ValleySuggestion.MethodName => new ValleySuggestion(numIt),
            SlideSuggestion.MethodName => new SlideSuggestion(numIt),
            SteepestSuggestion.MethodName => new SteepestSuggestion(),
            SectionSuggestion.MethodName => new SectionSuggestion(),
            _ => throw new ArgumentException(
                $"Unknown suggestion method '{name}'; allowed: {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
