using System.Text;

namespace LrCluster.Plots;

/// <summary>Lays out one <see cref="LineChart"/> and writes it as SVG text.</summary>
internal sealed class ChartRenderer
{
    private const string FontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
    private const double TickFont = 11;
    private const double LabelFont = 13;
    private const double TitleFont = 16;
    private const double LegendFont = 12;
    private const double LegendRowHeight = 20;
    private const int MaxLegendRows = 3;
    private const double TickLength = 5;
    private const double Margin = 12;
    private const string TextColour = "#222222";
    private const string AxisColour = "#444444";
    private const string MajorGridColour = "#e4e4e4";
    private const string MinorGridColour = "#f2f2f2";
    private const string SpanColour = "#8a8a8a";
    private const string Halo = " stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"";

    // Stands in for the clipPath id until the document is complete; the id is then derived from the content so that
    // several charts inlined into one HTML page do not share ids, while the output stays deterministic. Control
    // characters never survive escaping, so user text cannot contain this marker.
    private const string ClipIdPlaceholder = "\u0001";

    private readonly ChartOptions _options;
    private readonly IReadOnlyList<LineSeries> _lines;
    private readonly IReadOnlyList<BandSeries> _bands;
    private readonly IReadOnlyList<ChartMarker> _markers;
    private readonly IReadOnlyList<VerticalSpan> _spans;
    private readonly StringBuilder _svg = new();

    public ChartRenderer(
        ChartOptions options,
        IReadOnlyList<LineSeries> lines,
        IReadOnlyList<BandSeries> bands,
        IReadOnlyList<ChartMarker> markers,
        IReadOnlyList<VerticalSpan> spans)
    {
        _options = options;
        _lines = lines;
        _bands = bands;
        _markers = markers;
        _spans = spans;
    }

    public string Render()
    {
        var o = _options;
        double width = o.Width;
        double height = o.Height;
        var primary = _lines.Where(l => !l.Secondary).ToList();
        var secondary = _lines.Where(l => l.Secondary).ToList();
        var hasTitle = !string.IsNullOrWhiteSpace(o.Title);
        var hasXLabel = !string.IsNullOrWhiteSpace(o.XLabel);
        var hasYLabel = !string.IsNullOrWhiteSpace(o.YLabel);
        var hasY2 = secondary.Count > 0;
        var hasY2Label = hasY2 && !string.IsNullOrWhiteSpace(o.Y2Label);

        var legendRows = LayoutLegend(width - 2 * Margin);
        var top = hasTitle ? 44.0 : 18.0;
        var bottom = height - Margin - legendRows.Count * LegendRowHeight - (legendRows.Count > 0 ? 6 : 0)
            - (hasXLabel ? LabelFont + 8 : 0) - (TickLength + TickFont + 6);

        var (yMin, yMax) = o.YRange ?? RangeSelector.Robust(
            primary.Select(l => (IReadOnlyList<double>)l.Ys)
                .Concat(_bands.Select(b => (IReadOnlyList<double>)b.Lower))
                .Concat(_bands.Select(b => (IReadOnlyList<double>)b.Upper)),
            _markers.Select(m => m.Y),
            o.LogY);
        var yTicks = MakeTicks(yMin, yMax, o.LogY, bottom - top, pixelsPerTick: 50);

        var (y2Min, y2Max) = hasY2
            ? RangeSelector.Robust(secondary.Select(l => (IReadOnlyList<double>)l.Ys), [], log: false)
            : (0.0, 1.0);
        var y2Ticks = hasY2 ? MakeTicks(y2Min, y2Max, log: false, bottom - top, pixelsPerTick: 50) : [];

        var left = Margin + (hasYLabel ? LabelFont + 10 : 0) + MaxLabelWidth(yTicks) + TickLength + 4;
        var right = hasY2
            ? width - Margin - (hasY2Label ? LabelFont + 10 : 0) - MaxLabelWidth(y2Ticks) - TickLength - 4
            : width - 2 * Margin;
        var plot = new PlotRect(left, top, right, bottom);

        var (xMin, xMax) = RangeSelector.Extent(AllXs(), o.LogX, padding: 0.02);
        var xScale = new AxisScale(xMin, xMax, o.LogX, plot.Left, plot.Right);
        var yScale = new AxisScale(yMin, yMax, o.LogY, plot.Bottom, plot.Top);
        var y2Scale = new AxisScale(y2Min, y2Max, isLog: false, plot.Bottom, plot.Top);

        var xTicks = ThinLabels(MakeTicks(xMin, xMax, o.LogX, plot.Width, pixelsPerTick: 90), xScale, horizontal: true);
        yTicks = ThinLabels(yTicks, yScale, horizontal: false);
        y2Ticks = ThinLabels(y2Ticks, y2Scale, horizontal: false);

        WriteHeader(width, height, plot);
        WriteGrid(plot, xTicks, xScale, yTicks, yScale);
        WritePlotContent(plot, xScale, yScale, y2Scale);
        WriteAxes(plot, hasY2, xTicks, xScale, yTicks, yScale, y2Ticks, y2Scale);
        WriteMarkers(plot, xScale, yScale);
        WriteCaptions(width, plot, hasTitle, hasXLabel, hasYLabel, hasY2Label);
        WriteLegend(legendRows, height, plot);
        _svg.Append("</svg>\n");

        var document = _svg.ToString();
        var clipId = "lrc-plot-" + Fnv1a(document).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        return document.Replace(ClipIdPlaceholder, clipId, StringComparison.Ordinal);
    }

    private IEnumerable<double> AllXs()
    {
        foreach (var line in _lines)
        {
            for (var i = 0; i < line.Xs.Length; i++)
            {
                // Points the line cannot draw should not stretch the x axis either.
                if (double.IsFinite(line.Ys[i]))
                {
                    yield return line.Xs[i];
                }
            }
        }

        foreach (var band in _bands)
        {
            foreach (var x in band.Xs)
            {
                yield return x;
            }
        }

        foreach (var marker in _markers)
        {
            yield return marker.X;
        }

        foreach (var span in _spans)
        {
            yield return span.X0;
            yield return span.X1;
        }
    }

    private static List<AxisTick> MakeTicks(double min, double max, bool log, double pixelLength, double pixelsPerTick) =>
        log
            ? TickGenerator.Log(min, max, pixelLength)
            : TickGenerator.Linear(min, max, Math.Max(2, (int)Math.Round(pixelLength / pixelsPerTick)));

    private static double MaxLabelWidth(IEnumerable<AxisTick> ticks) =>
        ticks.Select(t => SvgFormat.TextWidth(t.Label, TickFont)).DefaultIfEmpty(0).Max();

    /// <summary>Blanks labels that would overlap the previous kept one; the tick itself stays.</summary>
    private static List<AxisTick> ThinLabels(List<AxisTick> ticks, AxisScale scale, bool horizontal)
    {
        var result = new List<AxisTick>(ticks.Count);
        double? lastPixel = null;
        var lastHalfExtent = 0.0;
        foreach (var tick in ticks.Where(t => scale.InRange(t.Value)).OrderBy(t => t.Value))
        {
            if (!tick.IsMajor || tick.Label.Length == 0)
            {
                result.Add(tick);
                continue;
            }

            var pixel = scale.Map(tick.Value);
            var halfExtent = horizontal ? SvgFormat.TextWidth(tick.Label, TickFont) / 2 : TickFont / 2;
            var gap = horizontal ? 10 : 4;
            if (lastPixel is { } previous && Math.Abs(pixel - previous) < lastHalfExtent + halfExtent + gap)
            {
                result.Add(tick with { Label = "" });
                continue;
            }

            lastPixel = pixel;
            lastHalfExtent = halfExtent;
            result.Add(tick);
        }

        return result;
    }

    private List<List<LegendEntry>> LayoutLegend(double availableWidth)
    {
        var entries = new List<LegendEntry>();
        var faintGroups = new Dictionary<(string Colour, bool Secondary), (int Index, string First)>();
        var items = _lines.Select(l => (l.Order, Line: (LineSeries?)l, Band: (BandSeries?)null))
            .Concat(_bands.Select(b => (b.Order, Line: (LineSeries?)null, Band: (BandSeries?)b)))
            .OrderBy(i => i.Order);
        foreach (var (_, line, band) in items)
        {
            if (band is not null)
            {
                entries.Add(new LegendEntry(band.Name, band.Colour, LineStyle.Normal, IsBand: true));
                continue;
            }

            var suffix = line!.Secondary ? " (right axis)" : "";
            if (line.Style != LineStyle.Faint)
            {
                entries.Add(new LegendEntry(line.Name + suffix, line.Colour, line.Style, IsBand: false));
                continue;
            }

            // One entry per group of faint lines: five "run k" entries in the same pale colour would say nothing more.
            var key = (line.Colour, line.Secondary);
            if (faintGroups.TryGetValue(key, out var group))
            {
                entries[group.Index] = entries[group.Index] with { Text = group.First + " … " + line.Name + suffix };
            }
            else
            {
                faintGroups[key] = (entries.Count, line.Name);
                entries.Add(new LegendEntry(line.Name + suffix, line.Colour, line.Style, IsBand: false));
            }
        }

        entries.RemoveAll(e => e.Text.Length == 0);

        var rows = new List<List<LegendEntry>>();
        var rowWidth = 0.0;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var itemWidth = entry.Width(LegendFont) + LegendEntry.ItemGap;
            if (rows.Count == 0 || (rowWidth + itemWidth > availableWidth && rows[^1].Count > 0))
            {
                if (rows.Count == MaxLegendRows)
                {
                    // Dozens of per-run lines would otherwise push the plot off the canvas; summarise the rest.
                    var last = rows[^1];
                    var hidden = entries.Count - i;
                    if (last.Count > 1)
                    {
                        last.RemoveAt(last.Count - 1);
                        hidden++;
                    }

                    last.Add(new LegendEntry($"+{hidden} more", null, LineStyle.Normal, IsBand: false));
                    break;
                }

                rows.Add([]);
                rowWidth = 0;
            }

            rows[^1].Add(entry);
            rowWidth += itemWidth;
        }

        return rows;
    }

    private void WriteHeader(double width, double height, PlotRect plot)
    {
        var title = SvgFormat.Escape(_options.Title);
        _svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(SvgFormat.Px(width))
            .Append("\" height=\"").Append(SvgFormat.Px(height))
            .Append("\" viewBox=\"0 0 ").Append(SvgFormat.Px(width)).Append(' ').Append(SvgFormat.Px(height))
            .Append("\" role=\"img\" aria-label=\"").Append(title)
            .Append("\" font-family=\"").Append(FontFamily).Append("\" fill=\"").Append(TextColour).Append("\">\n");
        _svg.Append("<title>").Append(title).Append("</title>\n");
        _svg.Append("<defs><clipPath id=\"").Append(ClipIdPlaceholder).Append("\">");
        AppendRect(plot.Left, plot.Top, plot.Width, plot.Height);
        _svg.Append("/></clipPath></defs>\n");
        _svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    }

    private void WriteGrid(PlotRect plot, List<AxisTick> xTicks, AxisScale xScale, List<AxisTick> yTicks, AxisScale yScale)
    {
        var minor = new StringBuilder();
        var major = new StringBuilder();
        foreach (var tick in xTicks)
        {
            var x = SvgFormat.Px(xScale.Map(tick.Value));
            (tick.IsMajor ? major : minor).Append('M').Append(x).Append(' ').Append(SvgFormat.Px(plot.Top))
                .Append('V').Append(SvgFormat.Px(plot.Bottom));
        }

        foreach (var tick in yTicks)
        {
            var y = SvgFormat.Px(yScale.Map(tick.Value));
            (tick.IsMajor ? major : minor).Append('M').Append(SvgFormat.Px(plot.Left)).Append(' ').Append(y)
                .Append('H').Append(SvgFormat.Px(plot.Right));
        }

        _svg.Append("<g class=\"grid\" fill=\"none\" stroke-width=\"1\" shape-rendering=\"crispEdges\">\n");
        if (minor.Length > 0)
        {
            _svg.Append("<path stroke=\"").Append(MinorGridColour).Append("\" d=\"").Append(minor).Append("\"/>\n");
        }

        if (major.Length > 0)
        {
            _svg.Append("<path stroke=\"").Append(MajorGridColour).Append("\" d=\"").Append(major).Append("\"/>\n");
        }

        _svg.Append("</g>\n");
    }

    private void WritePlotContent(PlotRect plot, AxisScale xScale, AxisScale yScale, AxisScale y2Scale)
    {
        // Geometry is cut a little outside the visible plot so stroke ends are hidden by the clipPath, not the cut.
        var guard = plot.Inflate(20);
        _svg.Append("<g clip-path=\"url(#").Append(ClipIdPlaceholder).Append(")\">\n");

        foreach (var span in _spans)
        {
            if (!xScale.Accepts(span.X0) || !xScale.Accepts(span.X1) || span.X1 < xScale.Min || span.X0 > xScale.Max)
            {
                continue;
            }

            var x0 = xScale.Map(Math.Max(span.X0, xScale.Min));
            var x1 = xScale.Map(Math.Min(span.X1, xScale.Max));
            _svg.Append("<g class=\"span\"><rect");
            AppendRectAttributes(x0, plot.Top, x1 - x0, plot.Height);
            _svg.Append(" fill=\"").Append(SpanColour).Append("\" fill-opacity=\"0.14\"/>");
            _svg.Append("<path fill=\"none\" stroke=\"").Append(SpanColour).Append("\" stroke-opacity=\"0.6\" stroke-dasharray=\"3 3\" d=\"M")
                .Append(SvgFormat.Px(x0)).Append(' ').Append(SvgFormat.Px(plot.Top)).Append('V').Append(SvgFormat.Px(plot.Bottom))
                .Append('M').Append(SvgFormat.Px(x1)).Append(' ').Append(SvgFormat.Px(plot.Top)).Append('V').Append(SvgFormat.Px(plot.Bottom))
                .Append("\"/></g>\n");
        }

        foreach (var band in _bands)
        {
            var d = PathBuilder.Band(band, xScale, yScale, guard);
            if (d.Length == 0)
            {
                continue;
            }

            _svg.Append("<path class=\"band\" fill=\"").Append(band.Colour).Append("\" fill-opacity=\"0.2\" stroke=\"none\" d=\"")
                .Append(d).Append("\"><title>").Append(SvgFormat.Escape(band.Name)).Append("</title></path>\n");
        }

        // Faint lines are context (e.g. individual runs behind a mean), so they go underneath everything else.
        foreach (var line in _lines.Where(l => l.Style == LineStyle.Faint).Concat(_lines.Where(l => l.Style != LineStyle.Faint)))
        {
            var d = PathBuilder.Line(line, xScale, line.Secondary ? y2Scale : yScale, guard);
            if (d.Length == 0)
            {
                continue;
            }

            _svg.Append("<path class=\"line\" fill=\"none\" stroke=\"").Append(line.Colour).Append('"')
                .Append(StrokeAttributes(line.Style))
                .Append(" stroke-linejoin=\"round\" stroke-linecap=\"round\" d=\"").Append(d).Append("\"><title>")
                .Append(SvgFormat.Escape(line.Name)).Append("</title></path>\n");
        }

        _svg.Append("</g>\n");

        foreach (var span in _spans)
        {
            if (span.Label.Length == 0 || !xScale.Accepts(span.X0) || !xScale.Accepts(span.X1)
                || span.X1 < xScale.Min || span.X0 > xScale.Max)
            {
                continue;
            }

            var centre = (xScale.Map(Math.Max(span.X0, xScale.Min)) + xScale.Map(Math.Min(span.X1, xScale.Max))) / 2;
            var half = SvgFormat.TextWidth(span.Label, TickFont) / 2;
            centre = Math.Clamp(centre, plot.Left + half + 2, Math.Max(plot.Left + half + 2, plot.Right - half - 2));
            _svg.Append("<text class=\"span-label\"");
            AppendXY(centre, plot.Top + TickFont + 4);
            _svg.Append(" font-size=\"").Append(SvgFormat.Px(TickFont)).Append("\" fill=\"#555555\" text-anchor=\"middle\"")
                .Append(Halo).Append('>').Append(SvgFormat.Escape(span.Label)).Append("</text>\n");
        }
    }

    private static string StrokeAttributes(LineStyle style) => style switch
    {
        LineStyle.Bold => " stroke-width=\"2.5\"",
        LineStyle.Faint => " stroke-width=\"1\" stroke-opacity=\"0.35\"",
        LineStyle.Dashed => " stroke-width=\"1.6\" stroke-dasharray=\"6 4\"",
        _ => " stroke-width=\"1.6\"",
    };

    private void WriteAxes(
        PlotRect plot,
        bool hasY2,
        List<AxisTick> xTicks,
        AxisScale xScale,
        List<AxisTick> yTicks,
        AxisScale yScale,
        List<AxisTick> y2Ticks,
        AxisScale y2Scale)
    {
        var frame = new StringBuilder();
        frame.Append('M').Append(SvgFormat.Px(plot.Left)).Append(' ').Append(SvgFormat.Px(plot.Top))
            .Append('V').Append(SvgFormat.Px(plot.Bottom)).Append('H').Append(SvgFormat.Px(plot.Right));
        if (hasY2)
        {
            frame.Append('V').Append(SvgFormat.Px(plot.Top));
        }

        foreach (var tick in xTicks)
        {
            frame.Append('M').Append(SvgFormat.Px(xScale.Map(tick.Value))).Append(' ').Append(SvgFormat.Px(plot.Bottom))
                .Append('v').Append(SvgFormat.Px(tick.IsMajor ? TickLength : TickLength / 2));
        }

        foreach (var tick in yTicks)
        {
            frame.Append('M').Append(SvgFormat.Px(plot.Left)).Append(' ').Append(SvgFormat.Px(yScale.Map(tick.Value)))
                .Append('h').Append(SvgFormat.Px(-(tick.IsMajor ? TickLength : TickLength / 2)));
        }

        foreach (var tick in y2Ticks)
        {
            frame.Append('M').Append(SvgFormat.Px(plot.Right)).Append(' ').Append(SvgFormat.Px(y2Scale.Map(tick.Value)))
                .Append('h').Append(SvgFormat.Px(tick.IsMajor ? TickLength : TickLength / 2));
        }

        _svg.Append("<path class=\"axes\" fill=\"none\" stroke=\"").Append(AxisColour)
            .Append("\" stroke-width=\"1\" shape-rendering=\"crispEdges\" d=\"").Append(frame).Append("\"/>\n");

        _svg.Append("<g class=\"tick-labels\" font-size=\"").Append(SvgFormat.Px(TickFont)).Append("\">\n");
        foreach (var tick in xTicks.Where(t => t.Label.Length > 0))
        {
            AppendText(tick.Label, xScale.Map(tick.Value), plot.Bottom + TickLength + TickFont + 2, "middle");
        }

        // 0.35 em below the tick centres the digits on it; dominant-baseline is not honoured by every renderer.
        foreach (var tick in yTicks.Where(t => t.Label.Length > 0))
        {
            AppendText(tick.Label, plot.Left - TickLength - 3, yScale.Map(tick.Value) + TickFont * 0.35, "end");
        }

        foreach (var tick in y2Ticks.Where(t => t.Label.Length > 0))
        {
            AppendText(tick.Label, plot.Right + TickLength + 3, y2Scale.Map(tick.Value) + TickFont * 0.35, "start");
        }

        _svg.Append("</g>\n");
    }

    private void WriteMarkers(PlotRect plot, AxisScale xScale, AxisScale yScale)
    {
        foreach (var marker in _markers)
        {
            // A marker outside the visible range (e.g. on a clipped divergence) would only mislead.
            if (!xScale.InRange(marker.X) || !yScale.InRange(marker.Y))
            {
                continue;
            }

            var p = new PixelPoint(xScale.Map(marker.X), yScale.Map(marker.Y));
            _svg.Append("<g class=\"marker\"><circle cx=\"").Append(SvgFormat.Px(p.X)).Append("\" cy=\"").Append(SvgFormat.Px(p.Y))
                .Append("\" r=\"4.5\" fill=\"#111111\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>");
            if (marker.Label.Length > 0)
            {
                var textWidth = SvgFormat.TextWidth(marker.Label, TickFont + 1);
                var toLeft = p.X + 8 + textWidth > plot.Right;
                var x = toLeft ? p.X - 8 : p.X + 8;
                var y = p.Y - 8 - TickFont < plot.Top ? p.Y + 8 + TickFont : p.Y - 8;
                _svg.Append("<text");
                AppendXY(x, y);
                _svg.Append(" font-size=\"").Append(SvgFormat.Px(TickFont + 1)).Append("\" font-weight=\"600\" text-anchor=\"")
                    .Append(toLeft ? "end" : "start").Append('"').Append(Halo).Append('>')
                    .Append(SvgFormat.Escape(marker.Label)).Append("</text>");
            }

            _svg.Append("</g>\n");
        }
    }

    private void WriteCaptions(double width, PlotRect plot, bool hasTitle, bool hasXLabel, bool hasYLabel, bool hasY2Label)
    {
        if (hasTitle)
        {
            _svg.Append("<text class=\"title\"");
            AppendXY(width / 2, 28);
            _svg.Append(" font-size=\"").Append(SvgFormat.Px(TitleFont)).Append("\" font-weight=\"600\" text-anchor=\"middle\">")
                .Append(SvgFormat.Escape(_options.Title)).Append("</text>\n");
        }

        var centreX = (plot.Left + plot.Right) / 2;
        var centreY = (plot.Top + plot.Bottom) / 2;
        if (hasXLabel)
        {
            _svg.Append("<text class=\"x-label\"");
            AppendXY(centreX, plot.Bottom + TickLength + TickFont + 6 + LabelFont + 2);
            _svg.Append(" font-size=\"").Append(SvgFormat.Px(LabelFont)).Append("\" text-anchor=\"middle\">")
                .Append(SvgFormat.Escape(_options.XLabel)).Append("</text>\n");
        }

        // Rotated by -90° the glyphs extend left of the anchor, so the anchor sits one font size in from the edge.
        if (hasYLabel)
        {
            AppendRotatedLabel("y-label", _options.YLabel, Margin + LabelFont, centreY, -90);
        }

        if (hasY2Label)
        {
            AppendRotatedLabel("y2-label", _options.Y2Label!, width - Margin - LabelFont, centreY, 90);
        }
    }

    private void AppendRotatedLabel(string cssClass, string text, double x, double y, int degrees)
    {
        _svg.Append("<text class=\"").Append(cssClass).Append('"');
        AppendXY(x, y);
        _svg.Append(" transform=\"rotate(").Append(degrees.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(' ').Append(SvgFormat.Px(x)).Append(' ').Append(SvgFormat.Px(y))
            .Append(")\" font-size=\"").Append(SvgFormat.Px(LabelFont)).Append("\" text-anchor=\"middle\">")
            .Append(SvgFormat.Escape(text)).Append("</text>\n");
    }

    private void WriteLegend(List<List<LegendEntry>> rows, double height, PlotRect plot)
    {
        if (rows.Count == 0)
        {
            return;
        }

        _svg.Append("<g class=\"legend\" font-size=\"").Append(SvgFormat.Px(LegendFont)).Append("\">\n");
        var rowTop = height - Margin - rows.Count * LegendRowHeight;
        foreach (var row in rows)
        {
            var rowWidth = row.Sum(e => e.Width(LegendFont)) + (row.Count - 1) * LegendEntry.ItemGap;
            var x = (plot.Left + plot.Right) / 2 - rowWidth / 2;
            x = Math.Max(Margin, Math.Min(x, _options.Width - Margin - rowWidth));
            var middle = rowTop + LegendRowHeight / 2;
            foreach (var entry in row)
            {
                if (entry.Colour is { } colour)
                {
                    if (entry.IsBand)
                    {
                        _svg.Append("<rect");
                        AppendRectAttributes(x, middle - 5, LegendEntry.SwatchWidth, 10);
                        _svg.Append(" fill=\"").Append(colour).Append("\" fill-opacity=\"0.25\"/>");
                    }
                    else
                    {
                        // The faint plot stroke is too thin to recognise at swatch size.
                        var stroke = entry.Style == LineStyle.Faint
                            ? " stroke-width=\"2\" stroke-opacity=\"0.45\""
                            : StrokeAttributes(entry.Style);
                        _svg.Append("<path fill=\"none\" stroke=\"").Append(colour).Append('"').Append(stroke)
                            .Append(" d=\"M").Append(SvgFormat.Px(x)).Append(' ').Append(SvgFormat.Px(middle))
                            .Append('h').Append(SvgFormat.Px(LegendEntry.SwatchWidth)).Append("\"/>");
                    }

                    x += LegendEntry.SwatchWidth + LegendEntry.SwatchGap;
                }

                AppendText(entry.Text, x, middle + LegendFont * 0.35, "start");
                x += SvgFormat.TextWidth(entry.Text, LegendFont) + LegendEntry.ItemGap;
            }

            rowTop += LegendRowHeight;
        }

        _svg.Append("</g>\n");
    }

    private void AppendText(string text, double x, double y, string anchor)
    {
        _svg.Append("<text");
        AppendXY(x, y);
        if (anchor != "start")
        {
            _svg.Append(" text-anchor=\"").Append(anchor).Append('"');
        }

        _svg.Append('>').Append(SvgFormat.Escape(text)).Append("</text>\n");
    }

    private void AppendXY(double x, double y) =>
        _svg.Append(" x=\"").Append(SvgFormat.Px(x)).Append("\" y=\"").Append(SvgFormat.Px(y)).Append('"');

    private void AppendRect(double x, double y, double w, double h)
    {
        _svg.Append("<rect");
        AppendRectAttributes(x, y, w, h);
    }

    private void AppendRectAttributes(double x, double y, double w, double h) =>
        _svg.Append(" x=\"").Append(SvgFormat.Px(x)).Append("\" y=\"").Append(SvgFormat.Px(y))
            .Append("\" width=\"").Append(SvgFormat.Px(Math.Max(0, w))).Append("\" height=\"").Append(SvgFormat.Px(Math.Max(0, h))).Append('"');

    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
