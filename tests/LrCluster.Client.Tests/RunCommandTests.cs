using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace LrCluster.Client.Tests;

public sealed class RunCommandTests(RunFixture run) : IClassFixture<RunFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_tiny_sweep_completes_and_prints_exactly_one_json_report()
    {
        CliAssert.Succeeded(run.First);
        Assert.StartsWith("{", run.First.Stdout.TrimStart(), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(run.First.Stdout);
        var root = document.RootElement;
        Assert.Equal("tiny-digits", root.GetProperty("name").GetString());
        Assert.Equal("completed", root.GetProperty("state").GetString());
        Assert.Equal("base", root.GetProperty("chosenCandidate").GetString());
        Assert.True(root.GetProperty("suggestedLr").GetDouble() > 0);
        Assert.True(root.GetProperty("section").GetProperty("maxLr").GetDouble() >= root.GetProperty("section").GetProperty("baseLr").GetDouble());
    }

    [Fact]
    public void The_json_report_ranks_both_cyclical_configs()
    {
        using var document = JsonDocument.Parse(run.First.Stdout);
        var ranking = document.RootElement.GetProperty("clr").GetProperty("ranking").EnumerateArray().ToList();

        Assert.Equal(3, ranking.Count);
        Assert.Equal([1, 2, 3], ranking.Select(r => r.GetProperty("rank").GetInt32()).Order());
        Assert.Equal(["fixed", "one_cycle", "triangular"], ranking.Select(r => r.GetProperty("config").GetString()).Order(StringComparer.Ordinal));
        Assert.All(ranking, r => Assert.Equal(2, r.GetProperty("epochs").GetInt32()));
    }

    [Fact]
    public void The_json_report_on_stdout_is_the_report_json_file()
    {
        using var stdout = JsonDocument.Parse(run.First.Stdout);
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.FirstOut, "report.json")));

        Assert.Equal(stdout.RootElement.GetProperty("sweepId").GetString(), file.RootElement.GetProperty("sweepId").GetString());
        Assert.Equal(stdout.RootElement.GetProperty("suggestedLr").GetDouble(), file.RootElement.GetProperty("suggestedLr").GetDouble());
        var listed = file.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.All(listed, f => Assert.True(File.Exists(Path.Combine(run.FirstOut, f)), $"report.json lists {f}, which is missing"));
    }

    [Fact]
    public void The_report_folder_holds_the_report_the_curve_and_the_plots()
    {
        foreach (var name in new[] { "report.json", "report.html", "curve.csv", "lr_loss.svg", "lr_loss.png", "section.svg", "section.png", "schedule.svg",
            "schedule.png", "clr_validation.svg", "clr_validation.png", "clr_metric.svg", "clr_metric.png" })
        {
            Assert.True(File.Exists(Path.Combine(run.FirstOut, name)), $"{name} is missing from {run.FirstOut}");
        }

        var curve = File.ReadAllLines(Path.Combine(run.FirstOut, "curve.csv"));
        Assert.Equal("candidate,lr,mean,std,count", curve[0]);
        Assert.True(curve.Length > 2);
        Assert.All(curve.Skip(1), line => Assert.StartsWith("base,", line, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("lr_loss.svg")]
    [InlineData("section.svg")]
    [InlineData("schedule.svg")]
    [InlineData("clr_validation.svg")]
    [InlineData("clr_metric.svg")]
    public void Each_plot_is_well_formed_svg(string name)
    {
        var svg = XDocument.Load(Path.Combine(run.FirstOut, name));

        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName is "path" or "polyline");
    }

    [Fact]
    public void The_html_report_names_the_sweep_and_inlines_plotly_once()
    {
        var html = File.ReadAllText(Path.Combine(run.FirstOut, "report.html"));

        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("tiny-digits", html, StringComparison.Ordinal);
        Assert.Contains("</html>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, Count(html, "plotly.js v"));
        Assert.Equal(5, Count(html, "Plotly.newPlot('"));
        Assert.Equal(5, Count(html, "<noscript><svg"));
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_ranking_entry_compares_with_the_fixed_baseline()
    {
        using var document = JsonDocument.Parse(run.First.Stdout);
        var ranking = document.RootElement.GetProperty("clr").GetProperty("ranking").EnumerateArray().ToList();
        var baseline = ranking.Single(r => r.GetProperty("config").GetString() == "fixed");

        Assert.Equal(1.0, baseline.GetProperty("baselineStepRatio").GetDouble());
        var steps = baseline.GetProperty("stepsToBaseline").GetInt64();
        Assert.InRange(steps, 5, 44);
        Assert.True(steps % 5 == 0 || steps % 22 == 0, $"{steps} is neither an evaluateEvery step nor an epoch end");
        foreach (var r in ranking.Where(r => r.TryGetProperty("stepsToBaseline", out _)))
        {
            Assert.Equal(r.GetProperty("stepsToBaseline").GetInt64() / (double)steps, r.GetProperty("baselineStepRatio").GetDouble(), 12);
        }

        Assert.Equal("accuracy", document.RootElement.GetProperty("validationMetric").GetString());
        Assert.Equal(JsonValueKind.Array, document.RootElement.GetProperty("warnings").ValueKind);
    }

    [Fact]
    public void The_json_report_leaves_out_fields_without_a_value()
    {
        Assert.DoesNotContain(": null", run.First.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(": null", File.ReadAllText(Path.Combine(run.FirstOut, "report.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Cyclical_trials_are_evaluated_every_five_steps_and_at_every_epoch_end()
    {
        var lines = File.ReadAllLines(Path.Combine(run.FirstOut, "trials", "clr-triangular.evaluations.csv"));

        Assert.Equal("step,lr,valLoss,valMetric", lines[0]);
        Assert.Equal(["5", "10", "15", "20", "22", "25", "30", "35", "40", "44"], lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void Tables_printed_to_a_pipe_carry_no_escape_codes_and_are_not_wrapped()
    {
        CliAssert.Succeeded(run.Second);
        Assert.DoesNotContain('\u001b', run.Second.Stdout);
        Assert.DoesNotContain('\u001b', run.Second.Stderr);
        // The ranking table is wider than 80 columns; unwrapped, its header names every column on one line.
        var header = run.Second.Stdout.Split('\n').Single(l => l.Contains("steps to baseline", StringComparison.Ordinal));
        Assert.True(header.Length > 80, header);
        Assert.Contains("final val loss", header, StringComparison.Ordinal);
        Assert.Contains("× baseline", header, StringComparison.Ordinal);
        // Progress goes to stderr as plain lines, one per finished trial.
        Assert.Contains("clr-fixed: completed after 44 step(s)", run.Second.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_warning_of_the_report_is_on_the_page_and_in_the_printed_summary()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.SecondOut, "report.json")));
        var codes = json.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()!).ToList();
        var html = File.ReadAllText(Path.Combine(run.SecondOut, "report.html"));

        Assert.Equal(codes.Count, Count(html, "<li data-code="));
        foreach (var code in codes)
        {
            Assert.Contains($"<li data-code=\"{code}\">", html, StringComparison.Ordinal);
            Assert.Contains($"{code}: ", run.Second.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains(codes.Count == 0 ? "no warnings" : $"{codes.Count} warning(s):", run.Second.Stdout, StringComparison.Ordinal);
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public void The_first_range_test_trial_csv_has_consecutive_steps_from_zero_and_a_rising_lr()
    {
        var lines = File.ReadAllLines(Path.Combine(run.FirstOut, "trials", "rt-base-r0.csv"));

        Assert.Equal("step,lr,loss,smoothed", lines[0]);
        Assert.InRange(lines.Length - 1, 10, 60);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.Equal(4, r.Length));
        Assert.Equal(Enumerable.Range(0, rows.Count), rows.Select(r => int.Parse(r[0], CultureInfo.InvariantCulture)));
        var lrs = rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(1e-5, lrs[0], 12);
        Assert.All(lrs.Zip(lrs.Skip(1)), pair => Assert.True(pair.Second > pair.First));
    }

    [Fact]
    public void The_triangular_config_has_one_row_per_epoch()
    {
        var lines = File.ReadAllLines(Path.Combine(run.FirstOut, "trials", "clr-triangular.epochs.csv"));

        Assert.Equal("epoch,lr,trainLoss,valLoss,valMetric", lines[0]);
        Assert.Equal(["1", "2"], lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void The_same_spec_and_seed_give_bit_identical_range_test_curves()
    {
        CliAssert.Succeeded(run.Second);
        var first = File.ReadAllBytes(Path.Combine(run.FirstOut, "trials", "rt-base-r0.csv"));
        var second = File.ReadAllBytes(Path.Combine(run.SecondOut, "trials", "rt-base-r0.csv"));

        Assert.True(first.Length > 100);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Repeats_of_one_candidate_see_different_shuffles()
    {
        var r0 = File.ReadAllText(Path.Combine(run.FirstOut, "trials", "rt-base-r0.csv"));
        var r1 = File.ReadAllText(Path.Combine(run.FirstOut, "trials", "rt-base-r1.csv"));

        Assert.NotEqual(r0, r1);
    }

    [Fact]
    public async Task A_spec_with_a_bad_field_exits_2_and_runs_nothing()
    {
        var spec = _folder.Write("bad.yaml", TinySweep.WithBadField);
        var outDir = Path.Combine(_folder.Path, "out");

        var result = await LrcProcess.RunInAsync(_folder.Path, "run", spec, "--out", outDir, "--format", "json");

        CliAssert.InvalidInput(result, "batchSise");
        Assert.Contains($"{spec}:7: ", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir), "nothing should be written for an invalid spec");
    }

    [Fact]
    public async Task Zero_slots_exit_2_and_run_nothing()
    {
        var spec = _folder.Write("tiny.yaml", TinySweep.Spec);
        var outDir = Path.Combine(_folder.Path, "out");

        var result = await LrcProcess.RunInAsync(_folder.Path, "run", spec, "--out", outDir, "--slots", "0");

        CliAssert.InvalidInput(result, "--slots");
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task A_store_url_of_an_unknown_kind_exits_2()
    {
        var spec = _folder.Write("tiny.yaml", TinySweep.Spec);

        var result = await LrcProcess.RunInAsync(_folder.Path, "run", spec, "--out", Path.Combine(_folder.Path, "out"), "--store", "mysql://db/lrc");

        CliAssert.InvalidInput(result, "sqlite:PATH");
    }

    [Fact]
    public async Task A_missing_spec_file_exits_2()
    {
        var result = await LrcProcess.RunInAsync(_folder.Path, "run", Path.Combine(_folder.Path, "absent.yaml"), "--format", "json");

        CliAssert.InvalidInput(result, "absent.yaml");
    }
}
