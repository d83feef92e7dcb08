namespace LrCluster.Plots;

/// <summary>
/// One figure, described once and drawn twice: as static SVG and PNG by ScottPlot (<see cref="StaticFigure"/>) and as an
/// interactive plotly.js chart (<see cref="InteractiveFigure"/>), so the report's two views can never disagree. Values are
/// in data units: with <see cref="LogX"/> the static renderer puts every line, band, marker and span at log10(x) (ScottPlot 5
/// has no log axis of its own) and the interactive one uses plotly's log axis.
/// </summary>
public sealed record Figure(string Id, string Title, string XLabel, string YLabel)
{
    public bool LogX { get; init; }

    /// <summary>Caption of the right-hand y axis, used by lines with <see cref="FigureLine.RightAxis"/>.</summary>
    public string? Y2Label { get; init; }

    public IReadOnlyList<FigureLine> Lines { get; init; } = [];

    public IReadOnlyList<FigureBand> Bands { get; init; } = [];

    public IReadOnlyList<FigureMarker> Markers { get; init; } = [];

    public IReadOnlyList<FigureSpan> Spans { get; init; } = [];

    public IReadOnlyList<FigureLevel> Levels { get; init; } = [];

    /// <summary>Caps the left y axis: a diverged tail would otherwise squash the part of the curve worth reading. Data above is clipped.</summary>
    public double? YMax { get; init; }
}
