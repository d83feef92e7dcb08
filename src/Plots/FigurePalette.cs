namespace LrCluster.Plots;

/// <summary>The colours of both renderers (matplotlib's and plotly's "category 10"), so a series looks the same in the PNG and in the page.</summary>
public static class FigurePalette
{
    private static readonly string[] Colors =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    public static string Hex(int index) => Colors[((index % Colors.Length) + Colors.Length) % Colors.Length];

    /// <summary>The neutral grey of spans and guides.</summary>
    public const string Neutral = "#7f7f7f";
}
