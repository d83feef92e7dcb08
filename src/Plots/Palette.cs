namespace LrCluster.Plots;

/// <summary>
/// Okabe–Ito colours, chosen because they stay distinguishable under the common forms of colour blindness.
/// Their yellow is left out: it is unreadable as a thin line on white.
/// </summary>
internal static class Palette
{
    private static readonly string[] Colours =
    [
        "#0072B2", // blue
        "#D55E00", // vermillion
        "#009E73", // bluish green
        "#CC79A7", // reddish purple
        "#E69F00", // orange
        "#56B4E9", // sky blue
        "#000000", // black
    ];

    public static string At(int index) => Colours[index % Colours.Length];
}
