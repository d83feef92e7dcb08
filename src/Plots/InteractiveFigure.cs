using System.Globalization;
using System.Net;
using Microsoft.FSharp.Core;
using Plotly.NET;

namespace LrCluster.Plots;

/// <summary>
/// Draws a <see cref="Figure"/> as a plotly.js chart through Plotly.NET: hover shows each point's step (where the line has
/// steps), x and y; drag zooms, double-click resets, a legend click hides a series (repeats toggle together). The chart
/// references no script: the page inlines plotly.js once (<see cref="PlotlyScript"/>). Non-finite values become gaps.
/// </summary>
public static class InteractiveFigure
{
    public const int Height = 480;

    /// <summary>An HTML fragment (a div and the script that draws into it) for a page that already loaded plotly.js.</summary>
    public static string Render(Figure figure)
    {
        var traces = new List<Trace>();
        foreach (var b in figure.Bands)
        {
            b.Validate();
            traces.AddRange(Band(figure, b));
        }

        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in figure.Lines.OrderBy(l => l.Weight == LineWeight.Faint ? 0 : 1))
        {
            line.Validate();
            traces.Add(Line(figure, line, shown.Add(line.LegendGroup ?? line.Name)));
        }

        traces.AddRange(figure.Markers.Select(m => Marker(figure, m)));
        traces.AddRange(Levels(figure));
        var chart = GenericChart.ofTraceObjects(false, traces);
        chart = GenericChart.setLayout(Layout(figure), chart);
        chart = GenericChart.setConfig(Obj<Config>(("responsive", true), ("displaylogo", false)), chart);
        chart = GenericChart.setDisplayOptions(
            DisplayOptions.init(null, null, null, null, null, null, FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.NoReference)), chart);
        return GenericChart.toChartHTML(chart);
    }

    private static IEnumerable<Trace> Band(Figure figure, FigureBand band)
    {
        var color = Rgba(FigurePalette.Hex(band.Color), 0.2);
        var xs = Xs(figure, band.Xs);
        yield return Scatter(("x", xs), ("y", Ys(band.Lower)), ("mode", "lines"), ("line", Obj(("width", 0))),
            ("hoverinfo", "skip"), ("showlegend", false), ("legendgroup", Escape(band.Name)));
        yield return Scatter(("x", xs), ("y", Ys(band.Upper)), ("mode", "lines"), ("line", Obj(("width", 0))),
            ("fill", "tonexty"), ("fillcolor", color), ("hoverinfo", "skip"), ("name", Escape(band.Name)), ("legendgroup", Escape(band.Name)));
    }

    private static Trace Line(Figure figure, FigureLine line, bool showLegend)
    {
        var hover = line.Steps is null ? "" : "step %{customdata}<br>";
        hover += $"{Escape(figure.XLabel)} %{{x:{XFormat(figure)}}}<br>{Escape(line.RightAxis ? figure.Y2Label ?? "" : figure.YLabel)} %{{y:.4~g}}<extra>{Escape(line.Name)}</extra>";
        return Scatter(
            ("x", Xs(figure, line.Xs)),
            ("y", Ys(line.Ys)),
            ("customdata", line.Steps),
            ("mode", "lines"),
            ("name", Escape(line.LegendGroup ?? line.Name)),
            ("legendgroup", Escape(line.LegendGroup ?? line.Name)),
            ("showlegend", showLegend),
            ("opacity", line.Weight == LineWeight.Faint ? 0.45 : 1.0),
            ("line", Obj(("color", FigurePalette.Hex(line.Color)), ("width", line.Weight switch { LineWeight.Faint => 1.0, LineWeight.Bold => 3.0, _ => 1.75 }),
                ("dash", line.Dashed ? "dash" : "solid"))),
            ("yaxis", line.RightAxis ? "y2" : null),
            ("hovertemplate", hover));
    }

    private static Trace Marker(Figure figure, FigureMarker marker) =>
        Scatter(
            ("x", Xs(figure, [marker.X])),
            ("y", Ys([marker.Y])),
            ("mode", "markers"),
            ("name", Escape(marker.Label)),
            ("marker", Obj(("color", FigurePalette.Hex(marker.Color)), ("size", 11), ("line", Obj(("color", "white"), ("width", 1.5))))),
            ("hovertemplate", $"{Escape(marker.Label)}<br>{Escape(figure.XLabel)} %{{x:{XFormat(figure)}}}<br>{Escape(figure.YLabel)} %{{y:.4~g}}<extra></extra>"));

    /// <summary>A level is a dashed line across the x range of the figure's lines (a trace, so it has a legend entry).</summary>
    private static IEnumerable<Trace> Levels(Figure figure)
    {
        var xs = figure.Lines.SelectMany(l => l.Xs).Where(double.IsFinite).ToList();
        if (xs.Count == 0)
        {
            yield break;
        }

        foreach (var level in figure.Levels)
        {
            yield return Scatter(
                ("x", Xs(figure, [xs.Min(), xs.Max()])),
                ("y", Ys([level.Y, level.Y])),
                ("mode", "lines"),
                ("name", Escape(level.Label)),
                ("line", Obj(("color", FigurePalette.Hex(level.Color)), ("width", 1.5), ("dash", "dash"))),
                ("hovertemplate", $"{Escape(level.Label)}<br>{Escape(figure.YLabel)} %{{y:.4~g}}<extra></extra>"));
        }
    }

    private static Layout Layout(Figure figure)
    {
        var xaxis = Obj(("title", Obj(("text", Escape(figure.XLabel)))), ("type", figure.LogX ? "log" : "linear"), ("exponentformat", "power"),
            ("gridcolor", "#e5e5e5"), ("zeroline", false));
        var yaxis = Obj(("title", Obj(("text", Escape(figure.YLabel)))), ("gridcolor", "#e5e5e5"), ("zeroline", false), ("range", YRange(figure)));
        // Spans are shapes over the full height; plotly places shapes on a log axis by data value and annotations by log10.
        var shapes = figure.Spans.Select(s => Obj(("type", "rect"), ("xref", "x"), ("yref", "paper"), ("x0", s.From), ("x1", s.To), ("y0", 0), ("y1", 1),
            ("fillcolor", Rgba(FigurePalette.Neutral, 0.16)), ("line", Obj(("width", 0))), ("layer", "below"))).ToList();
        var annotations = figure.Spans.Select(s => Obj(("xref", "x"), ("yref", "paper"), ("x", SpanMiddle(figure, s)), ("y", 1), ("yanchor", "bottom"),
            ("text", Escape(s.Label)), ("showarrow", false), ("font", Obj(("size", 12), ("color", "#555"))))).ToList();
        return Obj<Layout>(
            ("title", Obj(("text", Escape(figure.Title)), ("x", 0.01), ("xanchor", "left"))),
            ("xaxis", xaxis),
            ("yaxis", yaxis),
            ("yaxis2", figure.Y2Label is null ? null : Obj(("title", Obj(("text", Escape(figure.Y2Label)))), ("overlaying", "y"), ("side", "right"), ("showgrid", false))),
            ("shapes", shapes),
            ("annotations", annotations),
            ("hovermode", "closest"),
            ("height", Height),
            ("margin", Obj(("l", 70), ("r", 30), ("t", 60), ("b", 60))),
            ("plot_bgcolor", "white"),
            ("paper_bgcolor", "white"),
            ("legend", Obj(("bgcolor", "rgba(255,255,255,0.8)"))));
    }

    private static double[]? YRange(Figure figure)
    {
        if (figure.YMax is not { } cap)
        {
            return null;
        }

        var ys = figure.Lines.Where(l => !l.RightAxis).SelectMany(l => l.Ys).Concat(figure.Bands.SelectMany(b => b.Lower)).Where(double.IsFinite).ToList();
        var max = ys.Count == 0 ? cap : Math.Min(cap, ys.Max());
        var min = ys.Count == 0 ? 0 : ys.Min();
        var pad = 0.04 * (max - min);
        return [min - pad, max + pad];
    }

    private static double SpanMiddle(Figure figure, FigureSpan span) =>
        figure.LogX ? (Math.Log10(span.From) + Math.Log10(span.To)) / 2 : (span.From + span.To) / 2;

    private static string XFormat(Figure figure) => figure.LogX ? ".3~e" : ",.0f";

    private static double?[] Xs(Figure figure, IReadOnlyList<double> xs) =>
        xs.Select(x => double.IsFinite(x) && (!figure.LogX || x > 0) ? x : (double?)null).ToArray();

    private static double?[] Ys(IReadOnlyList<double> ys) => ys.Select(y => double.IsFinite(y) ? y : (double?)null).ToArray();

    private static string Rgba(string hex, double alpha)
    {
        var v = Convert.FromHexString(hex.TrimStart('#'));
        return string.Create(CultureInfo.InvariantCulture, $"rgba({v[0]},{v[1]},{v[2]},{alpha})");
    }

    /// <summary>plotly renders titles, names and templates as HTML-like text: names from a spec must not inject markup.</summary>
    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static DynamicObj.DynamicObj Obj(params (string Name, object? Value)[] properties) => Obj<DynamicObj.DynamicObj>(properties);

    private static T Obj<T>(params (string Name, object? Value)[] properties)
        where T : DynamicObj.DynamicObj, new()
    {
        var o = new T();
        Set(o, properties);
        return o;
    }

    private static Trace2D Scatter(params (string Name, object? Value)[] properties)
    {
        var trace = new Trace2D("scatter");
        Set(trace, properties);
        return trace;
    }

    private static void Set(DynamicObj.DynamicObj o, (string Name, object? Value)[] properties)
    {
        foreach (var (name, value) in properties)
        {
            if (value is not null)
            {
                o.SetProperty(name, value);
            }
        }
    }
}
