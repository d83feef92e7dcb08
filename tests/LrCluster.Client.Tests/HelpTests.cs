namespace LrCluster.Client.Tests;

public sealed class HelpTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("validate")]
    [InlineData("schedule")]
    [InlineData("suggest")]
    public async Task Help_for_each_verb_exits_0_and_describes_its_usage(string verb)
    {
        var result = await LrcProcess.RunAsync(verb, "--help");

        CliAssert.Succeeded(result);
        Assert.Contains("Usage", result.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(verb, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_at_the_root_lists_every_verb()
    {
        var result = await LrcProcess.RunAsync("--help");

        CliAssert.Succeeded(result);
        foreach (var verb in new[] { "run", "validate", "schedule", "suggest" })
        {
            Assert.Contains(verb, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_verb_exits_2()
    {
        var result = await LrcProcess.RunAsync("train", "spec.yaml");

        CliAssert.InvalidInput(result, "train");
    }
}
