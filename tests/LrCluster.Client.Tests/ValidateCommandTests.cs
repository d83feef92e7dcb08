using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace LrCluster.Client.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_digits_example_is_valid()
    {
        var result = await LrcProcess.RunAsync("validate", ExamplePath("digits.yaml"));

        CliAssert.Succeeded(result);
        Assert.Contains("ok", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task A_spec_with_two_problems_lists_both_as_file_line_path_message()
    {
        var spec = _folder.Write("bad.yaml", """
            name: bad-spec
            seed: 1
            data: { builtin: digits }
            model: { mlp: { hidden: [16] } }
            loss: hinge
            optimizer: { name: sgd }
            batchSize: 0
            rangeTest: { steps: 20 }

            """);

        var result = await LrcProcess.RunAsync("validate", spec);

        CliAssert.InvalidInput(result, "hinge");
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var pattern = new Regex("^" + Regex.Escape(spec) + @":(?<line>\d+): (?<path>[A-Za-z0-9_.\[\]]+): (?<message>.+)$");
        var errors = lines.Select(l => pattern.Match(l)).Where(m => m.Success).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal(("5", "loss"), (errors[0].Groups["line"].Value, errors[0].Groups["path"].Value));
        Assert.Equal(("7", "batchSize"), (errors[1].Groups["line"].Value, errors[1].Groups["path"].Value));
    }

    [Fact]
    public async Task A_missing_spec_file_exits_2()
    {
        var result = await LrcProcess.RunAsync("validate", Path.Combine(_folder.Path, "absent.yaml"));

        CliAssert.InvalidInput(result, "absent.yaml: file not found");
    }

    private static string ExamplePath(string name, [CallerFilePath] string sourceFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(sourceFile)!, "..", "..", "examples", name));
}
