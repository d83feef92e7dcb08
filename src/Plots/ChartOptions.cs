namespace LrCluster.Plots;

/// <summary>Static configuration of a <see cref="LineChart"/>.</summary>
/// <param name="Title">Heading drawn above the plot; empty for none.</param>
/// <param name="XLabel">Caption of the x axis; empty for none.</param>
/// <param name="YLabel">Caption of the primary (left) y axis; empty for none.</param>
/// <param name="LogX">Logarithmic x axis; non-positive x values are dropped.</param>
/// <param name="LogY">Logarithmic primary y axis; non-positive y values are dropped.</param>
/// <param name="Width">Width of the SVG viewBox in user units (pixels).</param>
/// <param name="Height">Height of the SVG viewBox in user units (pixels).</param>
/// <param name="YRange">Fixed primary y range; null picks a robust range from the data.</param>
/// <param name="Y2Label">Caption of the secondary (right) y axis, used when a line is added with secondaryAxis.</param>
public sealed record ChartOptions(
    string Title,
    string XLabel,
    string YLabel,
    bool LogX = false,
    bool LogY = false,
    int Width = 800,
    int Height = 480,
    (double Min, double Max)? YRange = null,
    string? Y2Label = null);
