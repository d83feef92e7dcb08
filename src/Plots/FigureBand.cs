namespace LrCluster.Plots;

/// <summary>A shaded band between two curves on the same x values (mean ± std across repeats).</summary>
public sealed record FigureBand(string Name, IReadOnlyList<double> Xs, IReadOnlyList<double> Lower, IReadOnlyList<double> Upper, int Color)
{
    internal void Validate()
    {
        if (Xs.Count != Lower.Count || Xs.Count != Upper.Count)
        {
            throw new ArgumentException($"band '{Name}' has {Xs.Count} x values, {Lower.Count} lower and {Upper.Count} upper values; they must match");
        }
    }
}
