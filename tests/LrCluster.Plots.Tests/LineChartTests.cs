using System.Globalization;
using System.Text.RegularExpressions;

namespace LrCluster.Plots.Tests;

public sealed class LineChartTests
{
    private static LineChart RangeTestChart()
    {
        var lrs = Enumerable.Range(0, 200).Select(i => Math.Pow(10, -7 + 8.0 * i / 199)).ToArray();
        var loss = lrs.Select(lr => 2.3 - 1.6 * Math.Exp(-Math.Pow(Math.Log10(lr) + 2.5, 2) / 4)
            + (lr > 0.3 ? Math.Pow(lr * 10, 3) : 0)).ToArray();
        var chart = new LineChart(new ChartOptions("LR range test", "learning rate", "loss", LogX: true));
        chart.AddLine("loss", lrs, loss, LineStyle.Bold);
        chart.AddBand("± std", lrs, loss.Select(l => l - 0.1).ToArray(), loss.Select(l => l + 0.1).ToArray());
        chart.AddMarker("suggested 3.2e-3", 3.2e-3, 0.75);
        chart.AddVerticalSpan("chosen section", 1e-4, 1e-2);
        return chart;
    }

    [Fact]
    public void The_output_parses_as_xml_in_the_svg_namespace()
    {
        var doc = Svg.Parse(RangeTestChart().RenderSvg());

        Assert.Equal(Svg.Ns + "svg", doc.Root!.Name);
        Assert.NotNull(doc.Root.Attribute("viewBox"));
        Assert.Empty(doc.Descendants(Svg.Ns + "script"));
        Assert.DoesNotContain(doc.Descendants(), e => e.Attributes().Any(a => a.Name.LocalName == "href"));
    }

    [Fact]
    public void A_line_with_a_nan_becomes_two_path_segments()
    {
        var chart = new LineChart(new ChartOptions("t", "x", "y"));
        chart.AddLine("with gap", [0, 1, 2, 3, 4, 5], [1, 2, double.NaN, 3, 2, 1], LineStyle.Normal);

        var svg = chart.RenderSvg();
        var line = Assert.Single(Svg.WithClass(Svg.Parse(svg), "path", "line"));
        var subpaths = Svg.Subpaths((string)line.Attribute("d")!);

        Assert.Equal(2, subpaths.Count);
        Assert.Equal([2, 3], subpaths.Select(s => s.Count));
        Assert.DoesNotContain("NaN", svg);
    }

    [Fact]
    public void Infinite_and_non_positive_values_on_a_log_axis_split_the_line_and_never_reach_the_output()
    {
        var chart = new LineChart(new ChartOptions("t", "x", "y", LogX: true, LogY: true));
        chart.AddLine("l", [1e-3, 1e-2, 1e-1, 1, 10, 100], [1, 2, 0, 3, double.PositiveInfinity, 5], LineStyle.Normal);

        var svg = chart.RenderSvg();
        var line = Assert.Single(Svg.WithClass(Svg.Parse(svg), "path", "line"));

        Assert.Equal(3, Svg.Subpaths((string)line.Attribute("d")!).Count);
        Assert.DoesNotContain("NaN", svg);
        Assert.DoesNotContain("Infinity", svg);
        Assert.DoesNotContain("∞", svg);
    }

    [Fact]
    public void Log_x_maps_each_decade_to_an_equal_width()
    {
        var chart = new LineChart(new ChartOptions("t", "x", "y", LogX: true, YRange: (0, 10)));
        chart.AddLine("l", [1e-4, 1e-3, 1e-2, 1e-1, 1], [5, 5, 5, 5, 5], LineStyle.Normal);

        var line = Assert.Single(Svg.WithClass(Svg.Parse(chart.RenderSvg()), "path", "line"));
        var xs = Assert.Single(Svg.Subpaths((string)line.Attribute("d")!)).Select(p => p.X).ToList();

        Assert.Equal(5, xs.Count);
        var widths = xs.Zip(xs.Skip(1), (a, b) => b - a).ToList();
        Assert.All(widths, w => Assert.Equal(widths[0], w, 0.02));
        Assert.True(widths[0] > 100);
    }

    [Fact]
    public void Markers_and_spans_appear_with_their_labels_escaped()
    {
        var chart = new LineChart(new ChartOptions("loss & <lr>", "x", "y"));
        chart.AddLine("l", [0, 1, 2], [3, 1, 2], LineStyle.Normal);
        chart.AddMarker("a<b & c", 1, 1);
        chart.AddVerticalSpan("a<b & c", 0.5, 1.5);

        var svg = chart.RenderSvg();
        var doc = Svg.Parse(svg);

        Assert.Contains("a&lt;b &amp; c", svg);
        Assert.DoesNotContain("a<b", svg);
        Assert.Single(Svg.WithClass(doc, "g", "marker"));
        Assert.Single(Svg.WithClass(doc, "g", "span"));
        Assert.Equal(2, Svg.Texts(doc).Count(t => t == "a<b & c"));
        Assert.Contains("loss & <lr>", Svg.Texts(doc));
    }

    [Fact]
    public void Ticks_on_a_log_axis_from_1e_minus_7_to_10_include_each_decade()
    {
        var ticks = TickGenerator.Log(1e-7, 10, pixelLength: 700);
        var majors = ticks.Where(t => t.IsMajor).Select(t => t.Label).ToList();

        Assert.Equal(["1e-7", "1e-6", "1e-5", "1e-4", "1e-3", "0.01", "0.1", "1", "10"], majors);
        Assert.Contains(ticks, t => !t.IsMajor && Math.Abs(t.Value - 2e-5) < 1e-12);

        var chart = new LineChart(new ChartOptions("t", "learning rate", "loss", LogX: true));
        chart.AddLine("l", [1e-7, 10], [1, 2], LineStyle.Normal);
        var texts = Svg.Texts(Svg.Parse(chart.RenderSvg()));
        Assert.All(majors, label => Assert.Contains(label, texts));
    }

    [Fact]
    public void Linear_ticks_step_by_one_two_or_five_times_a_power_of_ten()
    {
        var ticks = TickGenerator.Linear(0, 1, targetCount: 5);

        Assert.Equal(["0", "0.2", "0.4", "0.6", "0.8", "1.0"], ticks.Select(t => t.Label));
        Assert.Equal(["0", "50", "100", "150"], TickGenerator.Linear(-3, 160, 4).Select(t => t.Label));
    }

    [Fact]
    public void Numbers_use_the_invariant_culture_even_under_a_german_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = GermanNumberCulture();
        try
        {
            Assert.Equal("0,5", 0.5.ToString(CultureInfo.CurrentCulture));
            var svg = RangeTestChart().RenderSvg();

            Assert.DoesNotMatch(new Regex(@"\d,\d"), svg);
            Svg.Parse(svg);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Rendering_is_deterministic()
    {
        var first = RangeTestChart();

        Assert.Equal(first.RenderSvg(), first.RenderSvg());
        Assert.Equal(first.RenderSvg(), RangeTestChart().RenderSvg());
    }

    [Fact]
    public void An_exploding_loss_does_not_flatten_the_rest_of_the_curve()
    {
        var xs = Enumerable.Range(0, 100).Select(i => (double)i).ToArray();
        var ys = xs.Select(x => x < 90 ? 2.0 - x / 100 : Math.Pow(10, x - 88)).ToArray();
        var chart = new LineChart(new ChartOptions("t", "step", "loss"));
        chart.AddLine("loss", xs, ys, LineStyle.Normal);

        var svg = chart.RenderSvg();
        var yLabels = TickValues(Svg.Parse(svg), "end");

        Assert.True(yLabels.Max() <= 3, $"y axis reaches {yLabels.Max()}");
        Assert.Contains("clip-path=\"url(#", svg);
    }

    [Fact]
    public void A_rising_curve_without_outliers_keeps_its_full_range()
    {
        var xs = Enumerable.Range(0, 50).Select(i => (double)i).ToArray();
        var chart = new LineChart(new ChartOptions("t", "epoch", "accuracy"));
        chart.AddLine("acc", xs, xs.Select(x => x * x).ToArray(), LineStyle.Normal);

        var yLabels = TickValues(Svg.Parse(chart.RenderSvg()), "end");

        Assert.True(yLabels.Max() >= 2000);
    }

    [Fact]
    public void A_secondary_axis_gets_its_own_labels_and_caption()
    {
        var steps = Enumerable.Range(0, 100).Select(i => (double)i).ToArray();
        var chart = new LineChart(new ChartOptions("schedule", "step", "learning rate", Y2Label: "momentum"));
        chart.AddLine("lr", steps, steps.Select(s => 0.1 * Math.Sin(s / 30) + 0.1).ToArray(), LineStyle.Bold);
        chart.AddLine("momentum", steps, steps.Select(s => 0.95 - 0.1 * Math.Sin(s / 30)).ToArray(), LineStyle.Dashed, secondaryAxis: true);

        var doc = Svg.Parse(chart.RenderSvg());

        Assert.Single(Svg.WithClass(doc, "text", "y2-label"));
        Assert.Contains("momentum (right axis)", Svg.Texts(doc));
        // Right-axis tick labels are the start-anchored ones (written without a text-anchor attribute).
        var tickLabels = Svg.WithClass(doc, "g", "tick-labels").Single().Elements(Svg.Ns + "text");
        Assert.Contains(tickLabels, t => t.Attribute("text-anchor") is null);
    }

    [Fact]
    public void Control_characters_in_names_still_give_well_formed_xml()
    {
        var chart = new LineChart(new ChartOptions("bad\u0001title", "x", "y"));
        chart.AddLine("run\u0007\"1\"", [0, 1], [0, 1], LineStyle.Faint);

        Svg.Parse(chart.RenderSvg());
    }

    [Fact]
    public void Mismatched_series_lengths_are_rejected()
    {
        var chart = new LineChart(new ChartOptions("t", "x", "y"));

        Assert.Throws<ArgumentException>(() => chart.AddLine("l", [0, 1], [1], LineStyle.Normal));
        Assert.Throws<ArgumentException>(() => chart.AddBand("b", [0, 1], [0, 1], [1]));
        Assert.Throws<ArgumentException>(() => new LineChart(new ChartOptions("t", "x", "y", LogY: true, YRange: (0, 1))));
    }

    [Fact]
    public void An_empty_chart_still_renders_axes()
    {
        var doc = Svg.Parse(new LineChart(new ChartOptions("empty", "x", "y")).RenderSvg());

        Assert.Single(Svg.WithClass(doc, "path", "axes"));
    }

    [Fact]
    public void Many_series_are_summarised_in_the_legend_instead_of_crowding_out_the_plot()
    {
        var chart = new LineChart(new ChartOptions("sweep", "lr", "loss", LogX: true));
        for (var run = 0; run < 60; run++)
        {
            chart.AddLine($"config {run}", [1e-5, 1e-3, 1e-1], [2, 1 + run / 100.0, 3], LineStyle.Normal);
        }

        var texts = Svg.Texts(Svg.Parse(chart.RenderSvg()));

        Assert.Contains(texts, t => t.StartsWith('+') && t.EndsWith(" more", StringComparison.Ordinal));
    }

    [Fact]
    public void Faint_runs_share_the_colour_and_legend_entry_of_their_mean()
    {
        var chart = new LineChart(new ChartOptions("t", "x", "y"));
        chart.AddLine("run 0", [0, 1], [1, 2], LineStyle.Faint);
        chart.AddLine("run 1", [0, 1], [2, 3], LineStyle.Faint);
        chart.AddLine("mean", [0, 1], [1.5, 2.5], LineStyle.Bold);
        chart.AddBand("± std", [0, 1], [1, 2], [2, 3]);
        chart.AddLine("other", [0, 1], [0, 1], LineStyle.Normal);

        var doc = Svg.Parse(chart.RenderSvg());
        var strokes = Svg.WithClass(doc, "path", "line").Select(p => (string)p.Attribute("stroke")!).ToList();
        var legend = Svg.WithClass(doc, "g", "legend").Single().Elements(Svg.Ns + "text").Select(t => t.Value);

        Assert.Equal(3, strokes.Count(s => s == strokes[0]));
        Assert.Equal(2, strokes.Distinct().Count());
        Assert.Equal((string)Svg.WithClass(doc, "path", "band").Single().Attribute("fill")!, strokes[0]);
        Assert.Equal(["run 0 … run 1", "mean", "± std", "other"], legend);
    }

    private static List<double> TickValues(System.Xml.Linq.XDocument doc, string anchor) =>
        Svg.WithClass(doc, "g", "tick-labels").Single().Elements(Svg.Ns + "text")
            .Where(t => (string?)t.Attribute("text-anchor") == anchor)
            .Select(t => double.Parse(t.Value, CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>
    /// de-DE where the runtime has culture data; under invariant globalization (as this repo builds) a clone of the
    /// invariant culture with German separators, which exercises the same formatting mistakes.
    /// </summary>
    private static CultureInfo GermanNumberCulture()
    {
        try
        {
            var german = new CultureInfo("de-DE");
            if (german.NumberFormat.NumberDecimalSeparator == ",")
            {
                return german;
            }
        }
        catch (CultureNotFoundException)
        {
        }

        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        return culture;
    }
}
