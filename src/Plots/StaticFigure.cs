using ScottPlot;
using SkiaSharp;

namespace LrCluster.Plots;

/// <summary>
/// Draws a <see cref="Figure"/> with ScottPlot as SVG and PNG of one fixed size. The plot area has fixed margins, so data
/// coordinates map to pixels without a trial render; that is what lets <see cref="MarkerLabels"/> reserve a band for the
/// marker labels above every curve. On a log x axis every plottable is drawn at log10(x) with <see cref="LogTicks"/>.
/// </summary>
public static class StaticFigure
{
    public const int Width = 960;
    public const int Height = 540;

    private const float MarginLeft = 84;
    private const float MarginTop = 40;
    private const float MarginBottom = 58;
    private const float MarginRight = 24;
    private const float RightAxisWidth = 72;
    private const float LabelFontSize = 12;
    private const float LabelRowHeight = 22;
    private const float LabelPadding = 4;

    /// <summary>
    /// Skia's SVG backend has no dash path effects (it draws them solid and complains on stderr), so for the SVG dashed and
    /// dotted lines are drawn solid with an otherwise unused width, and that width becomes SVG's own stroke-dasharray.
    /// </summary>
    private static readonly (float Width, string Sentinel, string Svg)[] SvgDashes =
    [
        (DashedWidth, "1.53", "stroke-width=\"1.5\" stroke-dasharray=\"6,4\""),
        (DottedWidth, "1.03", "stroke-width=\"1\" stroke-dasharray=\"1.5,3\""),
    ];

    private const float DashedWidth = 1.5f;
    private const float DottedWidth = 1f;

    public static RenderedFigure Render(Figure figure)
    {
        var svg = Lay(figure, forSvg: true).Plot.GetSvgXml(Width, Height)
            .Replace($"font-family=\"{FigureFonts.Family}\"", $"font-family=\"{FigureFonts.Family}, Verdana, sans-serif\"", StringComparison.Ordinal);
        foreach (var (_, sentinel, replacement) in SvgDashes)
        {
            svg = svg.Replace($"stroke-width=\"{sentinel}\"", replacement, StringComparison.Ordinal);
        }

        return new RenderedFigure(svg, Lay(figure).Plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    /// <summary>Builds the ScottPlot plot and returns it with where the marker labels went (tests read both).</summary>
    internal static StaticLayout Lay(Figure figure, bool forSvg = false)
    {
        (LinePattern Pattern, float Width) Dash(LinePattern pattern, float width) => !forSvg || pattern.Equals(LinePattern.Solid)
            ? (pattern, width)
            : (LinePattern.Solid, float.Parse(SvgDashes.First(d => d.Width == width).Sentinel, System.Globalization.CultureInfo.InvariantCulture));

        FigureFonts.EnsureRegistered();
        foreach (var line in figure.Lines)
        {
            line.Validate();
        }

        foreach (var b in figure.Bands)
        {
            b.Validate();
        }

        var plot = new Plot();
        plot.Font.Set(FigureFonts.Family);
        plot.Title(figure.Title, 16);
        plot.XLabel(figure.XLabel, 14);
        plot.YLabel(figure.YLabel, 14);
        var legend = LegendWidth(figure);
        var rightAxis = figure.Lines.Any(l => l.RightAxis);
        var right = MarginRight + legend + (rightAxis ? RightAxisWidth : 0);
        plot.Layout.Fixed(new PixelPadding(MarginLeft, right, MarginBottom, MarginTop));
        var data = new PixelRect(MarginLeft, Width - right, Height - MarginBottom, MarginTop);

        double X(double x) => figure.LogX ? Math.Log10(x) : x;
        bool Usable(double x) => double.IsFinite(x) && (!figure.LogX || x > 0);

        var (xMin, xMax) = XLimits(figure, X, Usable);
        var (yMin, yMax) = YLimits(figure);

        // Marker labels go in rows above the highest point of any curve; their widths need the x scale only.
        var markers = figure.Markers.Where(m => Usable(m.X) && double.IsFinite(m.Y)).ToList();
        using var font = new SKFont(FigureFonts.Regular, LabelFontSize);
        var widths = markers.Select(m => font.MeasureText(m.Label) + (2 * LabelPadding)).ToList();
        float Px(double x) => data.Left + (float)((X(x) - xMin) / (xMax - xMin) * data.Width);
        var boxes = MarkerLabels.Place(markers.Select((m, i) => (Px(m.X), widths[i])).ToList(), data.Left + 2, data.Right - 2);
        var rows = boxes.Count == 0 ? 0 : boxes.Max(b => b.Row) + 1;
        var band = rows == 0 ? 0 : (rows * LabelRowHeight) + 6;
        var span = yMax - yMin;
        var bottom = yMin - (0.04 * span);
        var top = yMax + (0.04 * span);
        top += (top - bottom) * band / (data.Height - band);
        plot.Axes.SetLimits(xMin, xMax, bottom, top);
        if (figure.LogX)
        {
            plot.Axes.Bottom.TickGenerator = LogTicks.Create(xMin, xMax);
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in figure.Spans.Where(s => Usable(s.From) && Usable(s.To)))
        {
            var shade = plot.Add.HorizontalSpan(X(s.From), X(s.To), Color.FromHex(FigurePalette.Neutral).WithAlpha(0.16));
            shade.LineWidth = 0;
            shade.LegendText = s.Label;
        }

        foreach (var b in figure.Bands)
        {
            var keep = Enumerable.Range(0, b.Xs.Count).Where(i => Usable(b.Xs[i]) && double.IsFinite(b.Lower[i]) && double.IsFinite(b.Upper[i])).ToList();
            if (keep.Count < 2)
            {
                continue;
            }

            var fill = plot.Add.FillY(
                keep.Select(i => X(b.Xs[i])).ToArray(), keep.Select(i => Math.Min(b.Upper[i], yMax)).ToArray(), keep.Select(i => Math.Min(b.Lower[i], yMax)).ToArray());
            fill.FillColor = Color.FromHex(FigurePalette.Hex(b.Color)).WithAlpha(0.2);
            fill.LineWidth = 0;
            fill.LegendText = b.Name;
        }

        // Faint lines first, so the lines they give context to are drawn over them.
        foreach (var line in figure.Lines.OrderBy(l => l.Weight == LineWeight.Faint ? 0 : 1))
        {
            var legendText = line.LegendGroup ?? line.Name;
            var first = used.Add(legendText);
            var cap = line.RightAxis ? double.PositiveInfinity : yMax;
            foreach (var (xs, ys) in Segments(line, Usable, X, cap))
            {
                var scatter = plot.Add.ScatterLine(xs, ys);
                var color = Color.FromHex(FigurePalette.Hex(line.Color));
                scatter.Color = line.Weight == LineWeight.Faint ? color.WithAlpha(0.4) : color;
                var width = line.Weight switch { LineWeight.Faint => 1, LineWeight.Bold => 2.75f, _ => 1.5f };
                (scatter.LinePattern, scatter.LineWidth) = line.Dashed ? Dash(LinePattern.Dashed, DashedWidth) : (LinePattern.Solid, width);
                if (line.RightAxis)
                {
                    scatter.Axes.YAxis = plot.Axes.Right;
                }

                if (first)
                {
                    scatter.LegendText = legendText;
                    first = false;
                }
            }
        }

        foreach (var level in figure.Levels.Where(l => double.IsFinite(l.Y)))
        {
            var (pattern, width) = Dash(LinePattern.Dashed, DashedWidth);
            var guide = plot.Add.HorizontalLine(level.Y, width, Color.FromHex(FigurePalette.Hex(level.Color)), pattern);
            guide.LegendText = level.Label;
        }

        var placed = new List<PlacedLabel>();
        for (var i = 0; i < markers.Count; i++)
        {
            var m = markers[i];
            var box = boxes[i];
            var color = Color.FromHex(FigurePalette.Hex(m.Color));
            var rowTop = data.Top + 3 + (box.Row * LabelRowHeight);
            var centreY = rowTop + (LabelRowHeight / 2);
            var labelY = top - ((centreY - data.Top) / data.Height * (top - bottom));
            var labelBottom = top - ((rowTop + LabelRowHeight - 3 - data.Top) / data.Height * (top - bottom));
            var xPixel = Px(m.X);
            var leaderX = Math.Clamp(xPixel, box.Left, box.Right);
            var leader = plot.Add.Line(X(m.X), m.Y, xMin + ((leaderX - data.Left) / data.Width * (xMax - xMin)), labelBottom);
            leader.LineColor = color.WithAlpha(0.7);
            (leader.LinePattern, leader.LineWidth) = Dash(LinePattern.Dotted, DottedWidth);
            plot.Add.Marker(X(m.X), m.Y, MarkerShape.FilledCircle, 9, color);
            var text = plot.Add.Text(m.Label, xMin + (((box.Left + box.Right) / 2) - data.Left) / data.Width * (xMax - xMin), labelY);
            text.LabelFontSize = LabelFontSize;
            text.LabelFontName = FigureFonts.Family;
            text.LabelAlignment = Alignment.MiddleCenter;
            text.LabelBackgroundColor = Colors.White.WithAlpha(0.9);
            text.LabelBorderColor = color;
            text.LabelBorderWidth = 1;
            text.LabelPadding = LabelPadding;
            placed.Add(new PlacedLabel(m.Label, box, new PixelRect(box.Left, box.Right, rowTop + LabelRowHeight - 3, rowTop + 3)));
        }

        if (rightAxis)
        {
            plot.Axes.Right.Label.Text = figure.Y2Label ?? "";
            plot.Axes.Right.Label.FontSize = 14;
            var rightValues = figure.Lines.Where(l => l.RightAxis).SelectMany(l => l.Ys).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
            var (lo, hi) = Padded(rightValues.Min(), rightValues.Max());
            plot.Axes.SetLimitsY(lo, hi, plot.Axes.Right);
        }

        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Axes.Right.TickLabelStyle.FontSize = 12;
        if (legend > 0)
        {
            var panel = plot.ShowLegend(Edge.Right);
            panel.Legend.FontSize = 12;
        }

        return new StaticLayout(plot, data, placed, (xMin, xMax, bottom, top));
    }

    private static (double Min, double Max) XLimits(Figure figure, Func<double, double> x, Func<double, bool> usable)
    {
        var xs = figure.Lines.SelectMany(l => l.Xs)
            .Concat(figure.Bands.SelectMany(b => b.Xs))
            .Concat(figure.Markers.Select(m => m.X))
            .Concat(figure.Spans.SelectMany(s => new[] { s.From, s.To }))
            .Where(usable).Select(x).ToList();
        if (xs.Count == 0)
        {
            return (0, 1);
        }

        var (min, max) = (xs.Min(), xs.Max());
        return min == max ? (min - 0.5, max + 0.5) : (min, max);
    }

    private static (double Min, double Max) YLimits(Figure figure)
    {
        var ys = figure.Lines.Where(l => !l.RightAxis).SelectMany(l => l.Ys)
            .Concat(figure.Bands.SelectMany(b => b.Lower.Concat(b.Upper)))
            .Concat(figure.Markers.Select(m => m.Y))
            .Concat(figure.Levels.Select(l => l.Y))
            .Where(double.IsFinite).ToList();
        if (ys.Count == 0)
        {
            return (0, 1);
        }

        var (min, max) = (ys.Min(), ys.Max());
        if (figure.YMax is { } cap && cap > min)
        {
            max = Math.Min(max, cap);
        }

        return min == max ? (min - 0.5, max + 0.5) : (min, max);
    }

    private static (double, double) Padded(double min, double max) =>
        min == max ? (min - 0.5, max + 0.5) : (min - (0.05 * (max - min)), max + (0.05 * (max - min)));

    /// <summary>
    /// Runs of consecutive drawable points in plot space. A NaN loss or a gap splits the line; so does the y cap, where the
    /// line is cut at the crossing: the label band above the data must stay free of curves.
    /// </summary>
    private static IEnumerable<(double[] Xs, double[] Ys)> Segments(FigureLine line, Func<double, bool> usable, Func<double, double> x, double cap)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        (double X, double Y)? previous = null;
        for (var i = 0; i < line.Xs.Count; i++)
        {
            var drawable = usable(line.Xs[i]) && double.IsFinite(line.Ys[i]);
            (double X, double Y)? point = drawable ? (x(line.Xs[i]), line.Ys[i]) : null;
            if (point is { } p && previous is { } q && (p.Y > cap) != (q.Y > cap))
            {
                // The segment crosses the cap: end (or start) the run exactly on it.
                var crossing = q.X + ((p.X - q.X) * (cap - q.Y) / (p.Y - q.Y));
                xs.Add(crossing);
                ys.Add(cap);
            }

            if (point is { } inside && inside.Y <= cap)
            {
                xs.Add(inside.X);
                ys.Add(inside.Y);
            }
            else if (xs.Count > 0)
            {
                yield return ([.. xs], [.. ys]);
                xs.Clear();
                ys.Clear();
            }

            previous = point;
        }

        if (xs.Count > 0)
        {
            yield return ([.. xs], [.. ys]);
        }
    }

    /// <summary>Room for the legend on the right: its longest entry plus the swatch, or none without entries.</summary>
    private static float LegendWidth(Figure figure)
    {
        var names = figure.Lines.Select(l => l.LegendGroup ?? l.Name)
            .Concat(figure.Bands.Select(b => b.Name))
            .Concat(figure.Spans.Select(s => s.Label))
            .Concat(figure.Levels.Select(l => l.Label))
            .ToList();
        if (names.Count == 0)
        {
            return 0;
        }

        using var font = new SKFont(FigureFonts.Regular, 12);
        return names.Max(n => font.MeasureText(n)) + 60;
    }
}
