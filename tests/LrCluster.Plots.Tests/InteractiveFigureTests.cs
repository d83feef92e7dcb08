using System.Text.Json;
using System.Text.RegularExpressions;

namespace LrCluster.Plots.Tests;

public sealed partial class InteractiveFigureTests
{
    [Fact]
    public void The_chart_references_no_script_and_draws_with_the_pages_plotly()
    {
        var html = InteractiveFigure.Render(TestFigures.RangeTest());

        Assert.Contains("Plotly.newPlot(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("cdn.plot.ly", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", Data(html).ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Repeats_hover_with_their_step_lr_and_loss_and_toggle_together()
    {
        var traces = Data(InteractiveFigure.Render(TestFigures.RangeTest())).EnumerateArray().ToList();

        var repeats = traces.Where(t => t.TryGetProperty("legendgroup", out var g) && g.GetString() == "repeats").ToList();
        Assert.Equal(3, repeats.Count);
        Assert.Single(repeats, r => r.GetProperty("showlegend").GetBoolean());
        Assert.All(repeats, r => Assert.StartsWith("step %{customdata}<br>learning rate %{x", r.GetProperty("hovertemplate").GetString(), StringComparison.Ordinal));
        Assert.Equal(TestFigures.Lrs.Length, repeats[0].GetProperty("customdata").GetArrayLength());
    }

    [Fact]
    public void A_log_x_figure_uses_plotlys_log_axis_with_the_data_unchanged()
    {
        var html = InteractiveFigure.Render(TestFigures.RangeTest());
        var mean = Data(html).EnumerateArray().Single(t => t.TryGetProperty("name", out var n) && n.GetString() == "mean");

        Assert.Equal(1e-6, mean.GetProperty("x")[0].GetDouble(), 12);
        Assert.Equal("log", JsonDocument.Parse(Layout(html)).RootElement.GetProperty("xaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void Non_finite_values_become_gaps()
    {
        var figure = new Figure("t", "t", "x", "y") { Lines = [new FigureLine("gap", [0, 1, 2], [1, double.NaN, double.PositiveInfinity], 0)] };

        var y = Data(InteractiveFigure.Render(figure))[0].GetProperty("y");

        Assert.Equal(JsonValueKind.Number, y[0].ValueKind);
        Assert.Equal(JsonValueKind.Null, y[1].ValueKind);
        Assert.Equal(JsonValueKind.Null, y[2].ValueKind);
    }

    [Fact]
    public void Names_from_a_spec_cannot_inject_markup()
    {
        var figure = new Figure("t", "<img src=x onerror=alert(1)>", "x", "y") { Lines = [new FigureLine("<b>x</b>", [0, 1], [1, 2], 0)] };

        var html = InteractiveFigure.Render(figure);

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>x", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_inlined_plotly_is_the_one_plotly_net_carries()
    {
        Assert.Matches(@"^2\.\d+\.\d+$", PlotlyScript.Version);
        Assert.True(PlotlyScript.Source.Length > 1_000_000);
        Assert.Contains("plotly.js v" + PlotlyScript.Version, PlotlyScript.Source, StringComparison.Ordinal);
    }

    private static JsonElement Data(string html) => JsonDocument.Parse(DataPattern().Match(html).Groups[1].Value).RootElement;

    private static string Layout(string html) => LayoutPattern().Match(html).Groups[1].Value;

    [GeneratedRegex(@"var data = (\[.*?\]);\s*\n", RegexOptions.Singleline)]
    private static partial Regex DataPattern();

    [GeneratedRegex(@"var layout = (\{.*?\});\s*\n", RegexOptions.Singleline)]
    private static partial Regex LayoutPattern();
}
