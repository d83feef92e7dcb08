using System.Globalization;
using System.Text.Json;

namespace LrCluster.Client.Tests;

public sealed class ScheduleCommandTests
{
    private const double RelativeTolerance = 1e-12;

    [Theory]
    [InlineData("cyclic", "triangular_asymmetric_momentum")]
    [InlineData("cyclic", "triangular2_symmetric_momentum")]
    [InlineData("cyclic", "triangular2_asymmetric")]
    [InlineData("cyclic", "exp_range_symmetric_momentum")]
    [InlineData("one_cycle", "two_phase_linear")]
    [InlineData("one_cycle", "two_phase_cos_fastai_like")]
    [InlineData("one_cycle", "three_phase_cos")]
    public async Task Csv_output_matches_the_pytorch_reference_vector(string section, string name)
    {
        var vector = ScheduleVectors.Case(section, name);
        var expectedLr = ScheduleVectors.Lr(vector);
        var expectedMomentum = ScheduleVectors.Momentum(vector);

        var result = await LrcProcess.RunAsync([.. ScheduleVectors.Arguments(section, vector)]);

        CliAssert.Succeeded(result);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("step,lr,momentum", lines[0]);
        Assert.Equal(expectedLr.Length, lines.Length - 1);
        for (var i = 0; i < expectedLr.Length; i++)
        {
            var cells = lines[i + 1].Split(',');
            Assert.Equal(3, cells.Length);
            Assert.Equal(i, int.Parse(cells[0], CultureInfo.InvariantCulture));
            AssertClose(expectedLr[i], double.Parse(cells[1], CultureInfo.InvariantCulture), $"{name} lr at step {i}");
            if (expectedMomentum is null)
            {
                Assert.Equal("", cells[2]);
            }
            else
            {
                AssertClose(expectedMomentum[i], double.Parse(cells[2], CultureInfo.InvariantCulture), $"{name} momentum at step {i}");
            }
        }
    }

    [Fact]
    public async Task Json_output_for_one_cycle_is_an_array_of_step_lr_and_momentum()
    {
        var result = await LrcProcess.RunAsync("schedule", "--policy", "one_cycle", "--max-lr", "0.1", "--steps", "200", "--format", "json");

        CliAssert.Succeeded(result);
        using var document = JsonDocument.Parse(result.Stdout);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(200, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(i, rows[i].GetProperty("step").GetInt64());
            Assert.True(rows[i].GetProperty("lr").GetDouble() > 0);
            Assert.InRange(rows[i].GetProperty("momentum").GetDouble(), 0.85, 0.95);
        }

        var reference = ScheduleVectors.Case("one_cycle", "two_phase_cos_defaults");
        var expectedLr = ScheduleVectors.Lr(reference);
        for (var i = 0; i < expectedLr.Length; i++)
        {
            AssertClose(expectedLr[i], rows[i].GetProperty("lr").GetDouble(), $"json lr at step {i}");
        }
    }

    [Fact]
    public async Task Json_output_for_a_cyclic_policy_without_momentum_leaves_the_momentum_field_out()
    {
        var result = await LrcProcess.RunAsync("schedule", "--policy", "triangular", "--steps", "3", "--format", "json");

        CliAssert.Succeeded(result);
        Assert.DoesNotContain("null", result.Stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(result.Stdout);
        Assert.Equal(3, document.RootElement.GetArrayLength());
        foreach (var row in document.RootElement.EnumerateArray())
        {
            Assert.True(row.TryGetProperty("step", out _));
            Assert.True(row.TryGetProperty("lr", out _));
            Assert.False(row.TryGetProperty("momentum", out _), row.ToString());
        }
    }

    [Fact]
    public async Task A_table_printed_to_a_pipe_from_a_colour_terminal_has_no_escape_codes()
    {
        var result = await LrcProcess.RunInAsync(Path.GetTempPath(), LrcProcess.ColourTerminal, "schedule", "--policy", "triangular", "--steps", "3", "--format", "table");

        CliAssert.Succeeded(result);
        Assert.DoesNotContain('\u001b', result.Stdout);
        Assert.Contains("│ step │", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_for_a_cyclic_policy_is_an_array_of_steps_with_lr()
    {
        var result = await LrcProcess.RunAsync("schedule", "--policy", "triangular", "--step-size-up", "20", "--steps", "41", "--format", "json");

        CliAssert.Succeeded(result);
        using var document = JsonDocument.Parse(result.Stdout);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(41, rows.Count);
        Assert.Equal(0.001, rows[0].GetProperty("lr").GetDouble(), 12);
        Assert.Equal(0.006, rows[20].GetProperty("lr").GetDouble(), 12);
        Assert.Equal(40, rows[40].GetProperty("step").GetInt64());
    }

    [Fact]
    public async Task An_unknown_policy_exits_2_naming_the_allowed_policies()
    {
        var result = await LrcProcess.RunAsync("schedule", "--policy", "cosine", "--steps", "10");

        CliAssert.InvalidInput(result, "triangular2");
    }

    [Fact]
    public async Task Zero_steps_exit_2()
    {
        var result = await LrcProcess.RunAsync("schedule", "--policy", "triangular", "--steps", "0");

        CliAssert.InvalidInput(result, "--steps 0");
    }

    [Fact]
    public async Task A_base_lr_above_the_max_lr_exits_2_naming_the_options()
    {
        var result = await LrcProcess.RunAsync("schedule", "--policy", "triangular", "--steps", "10", "--base-lr", "0.5", "--max-lr", "0.1");

        CliAssert.InvalidInput(result, "--max-lr");
        Assert.Contains("--base-lr", result.Stderr);
        Assert.DoesNotContain("MaxLr", result.Stderr);
    }

    [Fact]
    public async Task A_missing_policy_exits_2()
    {
        var result = await LrcProcess.RunAsync("schedule", "--steps", "10");

        CliAssert.InvalidInput(result, "--policy");
    }

    [Fact]
    public async Task More_steps_than_the_one_cycle_total_exit_2()
    {
        var result = await LrcProcess.RunAsync("schedule", "--policy", "one_cycle", "--steps", "300", "--total-steps", "200");

        CliAssert.InvalidInput(result, "exceeds --total-steps 200");
    }

    [Fact]
    public async Task A_non_numeric_step_count_exits_2()
    {
        var result = await LrcProcess.RunAsync("schedule", "--policy", "triangular", "--steps", "many");

        CliAssert.InvalidInput(result, "many");
    }

    private static void AssertClose(double expected, double actual, string what)
    {
        var tolerance = RelativeTolerance * Math.Abs(expected);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
