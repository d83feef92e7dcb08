using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LrCluster.Core.Spec;

/// <summary>
/// Reads a sweep spec from YAML and validates it completely before anything runs. Every problem is
/// reported as <c>file:line: path.to.field: what is wrong and what is allowed</c>.
/// </summary>
public static partial class SpecReader
{
    /// <summary>Specs are small documents; anything larger is a mistake (or an attack on a gateway).</summary>
    public const int MaxSpecBytes = 256 * 1024;

    public static readonly IReadOnlyList<string> Builtins = ["digits", "boston"];
    public static readonly IReadOnlyList<string> Losses = ["mse", "crossEntropy", "l1", "huber", "bceWithLogits"];
    public static readonly IReadOnlyList<string> Activations = ["relu", "tanh", "gelu", "leakyRelu", "sigmoid"];

    public static SweepSpec ReadFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new SpecException([new SpecError(path, 0, "", "file not found")]);
        }

        if (info.Length > MaxSpecBytes)
        {
            throw new SpecException([new SpecError(path, 0, "", $"file is {info.Length} bytes; allowed: at most {MaxSpecBytes}")]);
        }

        return Read(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>
    /// Reads <paramref name="yaml"/>, naming <paramref name="fileName"/> in errors; relative data and model paths resolve
    /// against <paramref name="baseDirectory"/>, and every file must pass <paramref name="files"/> when one is given.
    /// With <paramref name="checkFiles"/> false the files named need not exist (a report re-reading the spec of a sweep
    /// that ran elsewhere needs its numbers, not its data).
    /// </summary>
    public static SweepSpec Read(string yaml, string fileName, string? baseDirectory = null, ISpecFileRule? files = null, bool checkFiles = true)
    {
        var errors = new SpecErrors(fileName);
        if (yaml.Length > MaxSpecBytes)
        {
            errors.Add(0, "", $"spec is {yaml.Length} characters; allowed: at most {MaxSpecBytes}");
            errors.ThrowIfAny();
        }

        if (YamlDepth.Exceeds(yaml))
        {
            errors.Add(0, "", $"the document nests deeper than {YamlDepth.Max} levels; a sweep spec needs far fewer");
            errors.ThrowIfAny();
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            errors.Add((int)e.Start.Line, "", $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
            errors.ThrowIfAny();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these instead of YamlException on some malformed input
            // (an unclosed flow sequence followed by a flow mapping).
            errors.Add(0, "", "not valid YAML: the parser could not read the document");
            errors.ThrowIfAny();
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(1, "", "the spec must be one YAML document whose top level is a mapping (name:, data:, model:, ...)");
            errors.ThrowIfAny();
            throw new InvalidOperationException("unreachable");
        }

        var spec = new SweepSpecBuilder(new YamlMap(root, "", errors), baseDirectory, files, checkFiles).Build();
        errors.ThrowIfAny();
        return spec!;
    }

    [GeneratedRegex(@"^\s*(?<n>[0-9]+(\.[0-9]+)?)\s*epochs?\s*$")]
    internal static partial Regex EpochsPattern();

    internal static string ResolvePath(string path, string? baseDirectory) =>
        Path.IsPathRooted(path) || baseDirectory is null ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));

    internal static string Invariant(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
