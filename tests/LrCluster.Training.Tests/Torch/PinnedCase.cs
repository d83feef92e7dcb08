using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LrCluster.Training.Tests.Torch;

/// <summary>One run recorded by Fixtures/make_fixtures.py: data, batches, hyper-parameters, losses.</summary>
internal sealed record PinnedCase(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("pt")] string Pt,
    [property: JsonPropertyName("features")] int Features,
    [property: JsonPropertyName("optimizer")] PinnedOptimizer Optimizer,
    [property: JsonPropertyName("x")] float[] X,
    [property: JsonPropertyName("y")] double[] Y,
    [property: JsonPropertyName("batches")] long[][] Batches,
    [property: JsonPropertyName("lrs")] double[] Lrs,
    [property: JsonPropertyName("momenta")] double?[] Momenta,
    [property: JsonPropertyName("losses")] double[] Losses)
{
    /// <summary>The fixtures live beside the test sources, not in the output folder (we do not own the csproj).</summary>
    public static string FixtureDirectory([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Fixtures");

    public static PinnedCase Load(string name)
    {
        using var stream = File.OpenRead(Path.Combine(FixtureDirectory(), "pinned_losses.json"));
        using var document = JsonDocument.Parse(stream);
        foreach (var element in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            if (element.GetProperty("name").GetString() == name)
            {
                return element.Deserialize<PinnedCase>()!;
            }
        }

        throw new InvalidOperationException($"no pinned case '{name}'");
    }
}
