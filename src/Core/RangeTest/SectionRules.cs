namespace LrCluster.Core.RangeTest;

/// <summary>Looks section rules up by name, for configuration files and the command line.</summary>
public static class SectionRules
{
    public static IReadOnlyList<string> Names { get; } = new[]
    {
        SmithSection.RuleName,
        RatioSection.RuleName,
        SuggestionSection.RuleName,
    }.AsReadOnly();

    /// <summary>Creates the rule with its default settings.</summary>
    public static ISectionRule Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            SmithSection.RuleName => new SmithSection(),
            RatioSection.RuleName => new RatioSection(),
            SuggestionSection.RuleName => new SuggestionSection(),
            _ => throw new ArgumentException(
                $"Unknown section rule '{name}'; allowed: {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
