using LrCluster.Core.RangeTest;

namespace LrCluster.Training.Finder;

/// <summary>
/// A range test's curve: the learning rate of each recorded point, its raw loss and the smoothed loss
/// the suggestions read. The last point is the one that diverged when <see cref="Diverged"/>.
/// </summary>
public sealed class RangeTestResult
{
    private readonly int configuredSteps;

    internal RangeTestResult(IReadOnlyList<double> lrs, IReadOnlyList<double> losses, IReadOnlyList<double> rawLosses, bool diverged, int configuredSteps)
    {
        Lrs = lrs;
        Losses = losses;
        RawLosses = rawLosses;
        Diverged = diverged;
        this.configuredSteps = configuredSteps;
    }

    public IReadOnlyList<double> Lrs { get; }

    /// <summary>Smoothed losses (what fastai plots and the suggestions read).</summary>
    public IReadOnlyList<double> Losses { get; }

    public IReadOnlyList<double> RawLosses { get; }

    /// <summary>Whether the test stopped early because the loss diverged (or was not finite).</summary>
    public bool Diverged { get; }

    /// <summary>The names <see cref="Suggest"/> accepts: minimum, steep, valley, slide, steepest, section.</summary>
    public static IReadOnlyList<string> Methods => SuggestionMethods.Names;

    /// <summary>The method's learning rate on this curve, or null when the curve is too short for it.</summary>
    public double? Suggest(string method = "valley") =>
        SuggestionMethods.Create(method, configuredSteps).Suggest(Lrs, Losses)?.Lr;

    /// <summary>Every method's answer, by name (null where the curve is too short for it).</summary>
    public IReadOnlyDictionary<string, double?> Suggestions() =>
        Methods.ToDictionary(m => m, m => Suggest(m));
}
