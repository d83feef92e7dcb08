using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LrCluster.Client.Tests;

public sealed class SuggestCommandTests : IDisposable
{
    private static readonly string[] AllMethods = ["minimum", "steep", "valley", "slide", "steepest", "section"];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Json_output_lists_all_six_methods_with_learning_rates_inside_the_curve()
    {
        var curve = WriteValleyCurve();

        var result = await LrcProcess.RunAsync("suggest", curve, "--format", "json");

        CliAssert.Succeeded(result);
        using var document = JsonDocument.Parse(result.Stdout);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(AllMethods, rows.Select(r => r.GetProperty("method").GetString()));
        foreach (var row in rows)
        {
            var lr = row.GetProperty("lr").GetDouble();
            Assert.InRange(lr, 1e-6, 1.0);
            Assert.InRange(row.GetProperty("index").GetInt32(), 0, 99);
        }
    }

    [Fact]
    public async Task The_valley_suggestion_lies_on_the_falling_slope_before_the_minimum()
    {
        var curve = WriteValleyCurve();

        var result = await LrcProcess.RunAsync("suggest", curve, "--method", "valley", "--format", "json");

        CliAssert.Succeeded(result);
        using var document = JsonDocument.Parse(result.Stdout);
        var row = Assert.Single(document.RootElement.EnumerateArray().ToList());
        Assert.Equal("valley", row.GetProperty("method").GetString());
        // The loss falls from 1e-4 and bottoms out near 1e-2.
        Assert.InRange(row.GetProperty("lr").GetDouble(), 1e-4, 1e-2);
    }

    [Fact]
    public async Task One_method_gives_the_same_answer_as_in_the_full_list()
    {
        var curve = WriteValleyCurve();

        var all = await LrcProcess.RunAsync("suggest", curve, "--format", "json");
        var one = await LrcProcess.RunAsync("suggest", curve, "--method", "steep", "--format", "json");

        CliAssert.Succeeded(all);
        CliAssert.Succeeded(one);
        using var allDocument = JsonDocument.Parse(all.Stdout);
        using var oneDocument = JsonDocument.Parse(one.Stdout);
        var fromAll = allDocument.RootElement.EnumerateArray().Single(r => r.GetProperty("method").GetString() == "steep");
        Assert.Equal(fromAll.GetProperty("lr").GetDouble(), oneDocument.RootElement[0].GetProperty("lr").GetDouble());
    }

    [Fact]
    public async Task The_table_format_names_every_method_on_stdout()
    {
        var result = await LrcProcess.RunAsync("suggest", WriteValleyCurve());

        CliAssert.Succeeded(result);
        foreach (var method in AllMethods)
        {
            Assert.Contains(method, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_missing_file_exits_2()
    {
        var result = await LrcProcess.RunAsync("suggest", Path.Combine(_folder.Path, "absent.csv"), "--format", "json");

        CliAssert.InvalidInput(result, "not found");
    }

    [Fact]
    public async Task A_file_without_an_lr_column_exits_2()
    {
        var curve = _folder.Write("nolr.csv", "rate,loss\n0.001,2.3\n0.01,2.0\n0.1,1.5\n");

        var result = await LrcProcess.RunAsync("suggest", curve, "--format", "json");

        CliAssert.InvalidInput(result, "lr and loss");
    }

    [Fact]
    public async Task A_non_increasing_lr_column_exits_2_naming_the_line()
    {
        var curve = _folder.Write("flat.csv", "lr,loss\n0.001,2.3\n0.01,2.0\n0.01,1.9\n0.1,1.5\n");

        var result = await LrcProcess.RunAsync("suggest", curve, "--format", "json");

        CliAssert.InvalidInput(result, "flat.csv:4:");
    }

    [Fact]
    public async Task An_unknown_method_exits_2()
    {
        var result = await LrcProcess.RunAsync("suggest", WriteValleyCurve(), "--method", "median");

        CliAssert.InvalidInput(result, "median");
    }

    /// <summary>100 log-spaced rows from 1e-5 to 1: flat, a fall from 1e-4, a minimum near 1e-2, then a steep rise.</summary>
    private string WriteValleyCurve()
    {
        var csv = new StringBuilder("lr,loss\n");
        for (var i = 0; i < 100; i++)
        {
            var t = -5 + (5.0 * i / 99);
            var loss = 2.3 - (1.8 / (1 + Math.Exp(-(t + 3) * 4))) + Math.Exp((t + 1) * 4);
            csv.Append(string.Create(CultureInfo.InvariantCulture, $"{Math.Pow(10, t):R},{loss:R}\n"));
        }

        return _folder.Write("curve.csv", csv.ToString());
    }
}
