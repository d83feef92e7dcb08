using System.Xml.Linq;
using ScottPlot;

namespace LrCluster.Plots.Tests;

public sealed class StaticFigureTests
{
    [Fact]
    public void The_svg_is_one_standalone_document_without_scripts_or_links()
    {
        var svg = XDocument.Parse(StaticFigure.Render(TestFigures.RangeTest()).Svg);

        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Equal(StaticFigure.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)svg.Root.Attribute("width"));
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "script");
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName is "image" or "a");
    }

    [Fact]
    public void The_svg_names_the_embedded_font_with_a_generic_fallback()
    {
        var svg = StaticFigure.Render(TestFigures.RangeTest()).Svg;

        Assert.Contains("font-family=\"DejaVu Sans, Verdana, sans-serif\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("DejaVu Serif", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void The_png_has_the_figure_size_and_rendering_is_deterministic()
    {
        var first = StaticFigure.Render(TestFigures.RangeTest()).Png;
        var second = StaticFigure.Render(TestFigures.RangeTest()).Png;

        Assert.Equal([0x89, 0x50, 0x4E, 0x47], first[..4]);
        // IHDR: width and height as big-endian integers at bytes 16..23.
        Assert.Equal(StaticFigure.Width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(first.AsSpan(16)));
        Assert.Equal(StaticFigure.Height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(first.AsSpan(20)));
        Assert.Equal(first, second);
    }

    [Fact]
    public void On_a_log_axis_every_line_band_marker_and_span_is_drawn_at_log10_of_x()
    {
        var layout = StaticFigure.Lay(TestFigures.RangeTest());
        var plottables = layout.Plot.GetPlottables().ToList();

        var span = Assert.Single(plottables.OfType<ScottPlot.Plottables.HorizontalSpan>());
        Assert.Equal(-4, span.X1, 12);
        Assert.Equal(-2, span.X2, 12);
        var band = Assert.Single(plottables.OfType<ScottPlot.Plottables.FillY>());
        Assert.Equal(-6, band.GetAxisLimits().Left, 9);
        Assert.Equal(1, band.GetAxisLimits().Right, 9);
        Assert.Contains(plottables.OfType<ScottPlot.Plottables.Marker>(), m => Math.Abs(m.Location.X - Math.Log10(1e-4)) < 1e-12);
        Assert.All(plottables.OfType<ScottPlot.Plottables.Scatter>(), s => Assert.InRange(s.GetAxisLimits().Left, -6.000001, 1.000001));
        Assert.Equal((-6.0, 1.0), (layout.Limits.XMin, layout.Limits.XMax));
    }

    [Theory]
    [InlineData(1.0005)]
    [InlineData(1.02)]
    [InlineData(1.3)]
    public void Marker_labels_never_overlap_each_other_or_any_curve_point(double spacing)
    {
        var figure = TestFigures.RangeTest(spacing);
        var layout = StaticFigure.Lay(figure);

        Assert.Equal(figure.Markers.Count, layout.Labels.Count);
        for (var i = 0; i < layout.Labels.Count; i++)
        {
            for (var j = i + 1; j < layout.Labels.Count; j++)
            {
                Assert.False(Intersect(layout.Labels[i].Rect, layout.Labels[j].Rect), $"'{layout.Labels[i].Text}' overlaps '{layout.Labels[j].Text}'");
            }
        }

        // Every drawn point of every line, the curve's end included, lies below every label.
        var (_, _, yMin, yMax) = layout.Limits;
        var lowestLabel = layout.Labels.Max(l => l.Rect.Bottom);
        foreach (var line in figure.Lines)
        {
            foreach (var y in line.Ys.Where(y => y <= figure.YMax!.Value))
            {
                var pixel = layout.Data.Top + ((float)((yMax - y) / (yMax - yMin)) * layout.Data.Height);
                Assert.True(pixel > lowestLabel, $"{line.Name} at y {y} (pixel {pixel}) reaches the labels (bottom {lowestLabel})");
            }
        }
    }

    [Fact]
    public void A_nan_splits_a_line_into_two_drawn_segments()
    {
        var figure = new Figure("t", "t", "x", "y") { Lines = [new FigureLine("gap", [0, 1, 2, 3, 4, 5], [1, 2, double.NaN, 3, 2, 1], 0)] };

        var scatters = StaticFigure.Lay(figure).Plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().ToList();

        Assert.Equal(2, scatters.Count);
        Assert.Equal("gap", scatters[0].LegendText);
        Assert.Equal("", scatters[1].LegendText);
    }

    [Fact]
    public void A_line_is_cut_where_it_crosses_the_y_cap()
    {
        var figure = new Figure("t", "t", "x", "y") { YMax = 2, Lines = [new FigureLine("tail", [0, 1, 2, 3], [1, 1.5, 3, 5], 0)] };

        var scatter = Assert.Single(StaticFigure.Lay(figure).Plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>());
        var points = scatter.Data.GetScatterPoints();

        Assert.Equal([0, 1, 1 + (1.0 / 3)], points.Select(p => p.X));
        Assert.Equal([1, 1.5, 2], points.Select(p => p.Y));
    }

    [Fact]
    public void Repeats_in_one_legend_group_share_one_legend_entry()
    {
        var entries = StaticFigure.Lay(TestFigures.RangeTest()).Plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>()
            .Select(s => s.LegendText).Where(t => t.Length > 0).ToList();

        Assert.Equal(["repeats", "mean"], entries);
    }

    [Fact]
    public void Lines_on_the_right_axis_are_scaled_against_it()
    {
        var layout = StaticFigure.Lay(TestFigures.Schedule());

        var momentum = layout.Plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Single(s => s.LinePattern.Equals(LinePattern.Dashed));
        Assert.Same(layout.Plot.Axes.Right, momentum.Axes.YAxis);
        Assert.Equal("momentum", layout.Plot.Axes.Right.Label.Text);
    }

    [Fact]
    public void Dashed_lines_are_dashed_in_the_svg_too()
    {
        // Skia's SVG backend cannot dash a path; the renderer writes SVG's own stroke-dasharray instead.
        var svg = StaticFigure.Render(TestFigures.Schedule()).Svg;

        Assert.Contains("stroke-dasharray=\"6,4\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("stroke-width=\"1.53\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("stroke-width=\"1.03\"", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_with_different_x_and_y_counts_are_refused_with_their_name()
    {
        var figure = new Figure("t", "t", "x", "y") { Lines = [new FigureLine("broken", [1, 2], [1], 0)] };

        var e = Assert.Throws<ArgumentException>(() => StaticFigure.Render(figure));
        Assert.Contains("broken", e.Message, StringComparison.Ordinal);
    }

    private static bool Intersect(PixelRect a, PixelRect b) => a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;
}
