namespace LrCluster.Plots;

/// <summary>One legend item; a null colour marks a text-only entry such as the "+3 more" overflow note.</summary>
internal sealed record LegendEntry(string Text, string? Colour, LineStyle Style, bool IsBand)
{
    public const double SwatchWidth = 24;
    public const double SwatchGap = 6;
    public const double ItemGap = 20;

    public double Width(double fontSize) =>
        (Colour is null ? 0 : SwatchWidth + SwatchGap) + SvgFormat.TextWidth(Text, fontSize);
}
