namespace LrCluster.Plots;

/// <summary>
/// Collects series for one chart and renders them as a standalone SVG document. Inputs are copied when added,
/// so later changes to the caller's lists do not alter the chart, and rendering is deterministic.
/// </summary>
public sealed class LineChart
{
    private const int MinWidth = 240;
    private const int MinHeight = 180;

    private readonly List<LineSeries> _lines = [];
    private readonly List<BandSeries> _bands = [];
    private readonly List<ChartMarker> _markers = [];
    private readonly List<VerticalSpan> _spans = [];
    private int _order;
    private int _headlineCount;
    private string? _lastHeadlineColour;

    public LineChart(ChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Title);
        ArgumentNullException.ThrowIfNull(options.XLabel);
        ArgumentNullException.ThrowIfNull(options.YLabel);
        if (options.Width < MinWidth || options.Height < MinHeight)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), $"A chart needs at least {MinWidth}x{MinHeight} units to lay out axes and legend.");
        }

        if (options.YRange is { } range)
        {
            if (!double.IsFinite(range.Min) || !double.IsFinite(range.Max) || range.Min >= range.Max)
            {
                throw new ArgumentException("YRange must be finite with Min < Max.", nameof(options));
            }

            if (options.LogY && range.Min <= 0)
            {
                throw new ArgumentException("YRange must be positive on a log y axis.", nameof(options));
            }
        }

        Options = options;
    }

    public ChartOptions Options { get; }

    /// <summary>Adds a line on the primary (left) y axis.</summary>
    public LineChart AddLine(string name, IReadOnlyList<double> xs, IReadOnlyList<double> ys, LineStyle style) =>
        AddLine(name, xs, ys, style, secondaryAxis: false);

    /// <summary>
    /// Adds a line; with <paramref name="secondaryAxis"/> it is scaled against the right-hand y axis
    /// (always linear, captioned by <see cref="ChartOptions.Y2Label"/>). Non-finite points split the line.
    /// Each non-faint line takes the next palette colour; a <see cref="LineStyle.Faint"/> line takes the colour of
    /// the last non-faint line added before it (or of the next one, if none was), and faint lines of one colour
    /// share a single legend entry.
    /// </summary>
    public LineChart AddLine(string name, IReadOnlyList<double> xs, IReadOnlyList<double> ys, LineStyle style, bool secondaryAxis)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        if (xs.Count != ys.Count)
        {
            throw new ArgumentException($"Line '{name}' has {xs.Count} x values but {ys.Count} y values.", nameof(ys));
        }

        if (!Enum.IsDefined(style))
        {
            throw new ArgumentOutOfRangeException(nameof(style));
        }

        string colour;
        if (style == LineStyle.Faint)
        {
            // Faint lines are context for a headline series (individual runs behind their mean), so they share its
            // colour instead of using up palette slots: the one added just before, else the one added next.
            colour = _lastHeadlineColour ?? Palette.At(_headlineCount);
        }
        else
        {
            colour = Palette.At(_headlineCount++);
            _lastHeadlineColour = colour;
        }

        _lines.Add(new LineSeries(name, [.. xs], [.. ys], style, secondaryAxis, colour, _order++));
        return this;
    }

    /// <summary>
    /// Adds a shaded area between <paramref name="lower"/> and <paramref name="upper"/> (e.g. mean ± std) on the
    /// primary y axis. It shares the colour of the last non-faint line added before it, so
    /// "AddLine(mean); AddBand(std)" reads as one series; a band added before any such line takes the colour the
    /// next one will get.
    /// </summary>
    public LineChart AddBand(string name, IReadOnlyList<double> xs, IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        if (xs.Count != lower.Count || xs.Count != upper.Count)
        {
            throw new ArgumentException(
                $"Band '{name}' needs as many lower ({lower.Count}) and upper ({upper.Count}) values as x values ({xs.Count}).",
                nameof(upper));
        }

        var colour = _lastHeadlineColour ?? Palette.At(_headlineCount);
        _bands.Add(new BandSeries(name, [.. xs], [.. lower], [.. upper], colour, _order++));
        return this;
    }

    /// <summary>Adds a labelled dot on the primary y axis, e.g. a suggested learning rate on the loss curve.</summary>
    public LineChart AddMarker(string label, double x, double y)
    {
        ArgumentNullException.ThrowIfNull(label);
        _markers.Add(new ChartMarker(label, x, y));
        return this;
    }

    /// <summary>Shades the x range between <paramref name="x0"/> and <paramref name="x1"/> over the full plot height.</summary>
    public LineChart AddVerticalSpan(string label, double x0, double x1)
    {
        ArgumentNullException.ThrowIfNull(label);
        _spans.Add(new VerticalSpan(label, Math.Min(x0, x1), Math.Max(x0, x1)));
        return this;
    }

    /// <summary>Renders the chart as a standalone SVG document (no scripts, no external references).</summary>
    public string RenderSvg() => new ChartRenderer(Options, _lines, _bands, _markers, _spans).Render();
}
