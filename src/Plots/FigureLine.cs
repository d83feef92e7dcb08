namespace LrCluster.Plots;

/// <summary>
/// A line. Non-finite points (and, on a log x axis, non-positive x) split it. Lines sharing a
/// <see cref="LegendGroup"/> share one legend entry (every repeat of a range test behind its mean), and the interactive
/// chart toggles them together. <see cref="Steps"/>, when given, is shown on hover beside x and y.
/// </summary>
public sealed record FigureLine(string Name, IReadOnlyList<double> Xs, IReadOnlyList<double> Ys, int Color, LineWeight Weight = LineWeight.Normal)
{
    public bool Dashed { get; init; }

    public bool RightAxis { get; init; }

    public string? LegendGroup { get; init; }

    public IReadOnlyList<long>? Steps { get; init; }

    internal void Validate()
    {
        if (Xs.Count != Ys.Count || (Steps is not null && Steps.Count != Xs.Count))
        {
            throw new ArgumentException($"line '{Name}' has {Xs.Count} x values, {Ys.Count} y values and {Steps?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} steps; they must match");
        }
    }
}
