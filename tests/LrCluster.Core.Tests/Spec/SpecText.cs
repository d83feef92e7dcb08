using System.Runtime.CompilerServices;
using LrCluster.Core.Spec;

namespace LrCluster.Core.Tests.Spec;

/// <summary>Builds small specs line by line (so tests know every line number) and reads them.</summary>
internal static class SpecText
{
    public const string FileName = "t.yaml";

    /// <summary>Lines 1-6 of a minimal valid spec; line 7 is left to each test (rangeTest, clr, or both).</summary>
    public static readonly string[] Header =
    [
        "name: t",
        "data: { builtin: digits }",
        "model: { mlp: { hidden: [8] } }",
        "loss: crossEntropy",
        "optimizer: { name: sgd }",
        "batchSize: 16",
    ];

    public const string RangeTestLine = "rangeTest: { steps: 10 }";

    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    /// <summary>The header with line <paramref name="replaced"/> (1-based) swapped for <paramref name="replacement"/>, then <paramref name="tail"/>.</summary>
    public static string HeaderWith(int replaced, string replacement, params string[] tail)
    {
        var lines = Header.ToArray();
        lines[replaced - 1] = replacement;
        return Lines([.. lines, .. tail]);
    }

    public static string WithTail(params string[] tail) => Lines([.. Header, .. tail]);

    public static SweepSpec Read(string yaml, string? baseDirectory = null) =>
        SpecReader.Read(yaml, FileName, baseDirectory ?? Path.GetTempPath());

    public static IReadOnlyList<SpecError> Errors(string yaml, string? baseDirectory = null) =>
        Assert.Throws<SpecException>(() => Read(yaml, baseDirectory)).Errors;

    public static string RepositoryFile(string relative, [CallerFilePath] string here = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(here)!); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {here}");
    }
}
