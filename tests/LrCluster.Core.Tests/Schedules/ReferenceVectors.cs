using System.Runtime.CompilerServices;
using System.Text.Json;
using LrCluster.Core.Schedules;

namespace LrCluster.Core.Tests.Schedules;

/// <summary>
/// Reads schedule_vectors.json, written by gen_schedule_vectors.py from PyTorch, and turns its
/// parameters back into our options.
/// </summary>
internal static class ReferenceVectors
{
    private const string FileName = "schedule_vectors.json";

    private static readonly Lazy<JsonElement> Root = new(Load);

    public static TheoryData<string> Names(string section) => new(NameList(section));

    public static IReadOnlyList<string> NameList(string section) =>
        Root.Value.GetProperty(section).EnumerateArray().Select(item => item.GetProperty("name").GetString()!).ToList();

    public static JsonElement Case(string section, string name) =>
        Root.Value.GetProperty(section).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static CyclicOptions CyclicOptionsFrom(JsonElement p)
    {
        string? scaleFn = OptionalString(p, "scale_fn");
        string? scaleMode = OptionalString(p, "scale_mode");
        return new CyclicOptions(
            BaseLr: p.GetProperty("base_lr").GetDouble(),
            MaxLr: p.GetProperty("max_lr").GetDouble(),
            StepSizeUp: p.GetProperty("step_size_up").GetInt32(),
            StepSizeDown: p.TryGetProperty("step_size_down", out JsonElement down) && down.ValueKind != JsonValueKind.Null
                ? down.GetInt32()
                : null,
            Mode: OptionalString(p, "mode") switch
            {
                null or "triangular" => CyclicMode.Triangular,
                "triangular2" => CyclicMode.Triangular2,
                "exp_range" => CyclicMode.ExpRange,
                var other => throw new InvalidDataException($"unknown mode {other}"),
            },
            Gamma: OptionalDouble(p, "gamma") ?? 1.0,
            ScaleFn: scaleFn is null ? null : ScaleFn(scaleFn),
            ScaleMode: scaleMode switch
            {
                null => null,
                "cycle" => ScaleMode.Cycle,
                "iterations" => ScaleMode.Iterations,
                var other => throw new InvalidDataException($"unknown scale mode {other}"),
            },
            CycleMomentum: p.TryGetProperty("cycle_momentum", out JsonElement cm) && cm.GetBoolean(),
            BaseMomentum: OptionalDouble(p, "base_momentum") ?? 0.8,
            MaxMomentum: OptionalDouble(p, "max_momentum") ?? 0.9);
    }

    public static OneCycleOptions OneCycleOptionsFrom(JsonElement p) => new(
        MaxLr: p.GetProperty("max_lr").GetDouble(),
        TotalSteps: p.GetProperty("total_steps").GetInt64(),
        PctStart: OptionalDouble(p, "pct_start") ?? 0.3,
        Anneal: OptionalString(p, "anneal_strategy") == "linear" ? AnnealStrategy.Linear : AnnealStrategy.Cos,
        DivFactor: OptionalDouble(p, "div_factor") ?? 25,
        FinalDivFactor: OptionalDouble(p, "final_div_factor") ?? 1e4,
        ThreePhase: p.TryGetProperty("three_phase", out JsonElement tp) && tp.GetBoolean(),
        CycleMomentum: !p.TryGetProperty("cycle_momentum", out JsonElement cm) || cm.GetBoolean(),
        BaseMomentum: OptionalDouble(p, "base_momentum") ?? 0.85,
        MaxMomentum: OptionalDouble(p, "max_momentum") ?? 0.95);

    /// <summary>The C# twins of the generator's SCALE_FNS, with the same floating-point operations.</summary>
    public static Func<double, double> ScaleFn(string name) => name switch
    {
        "pow_half" => x => Math.Pow(0.5, x),
        "pow_0_999" => x => Math.Pow(0.999, x),
        "inv_sqrt_plus1" => x => 1.0 / Math.Sqrt(x + 1.0),
        _ => throw new InvalidDataException($"unknown scale function {name}"),
    };

    private static string? OptionalString(JsonElement p, string key) =>
        p.TryGetProperty(key, out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;

    private static double? OptionalDouble(JsonElement p, string key) =>
        p.TryGetProperty(key, out JsonElement e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;

    private static JsonElement Load()
    {
        string path = Locate();
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    // The vectors live next to this source file rather than in the build output, so the test
    // project needs no item of its own; the upward search covers builds with mapped source paths.
    private static string Locate([CallerFilePath] string sourceFile = "")
    {
        string? besideSource = Path.GetDirectoryName(sourceFile);
        if (besideSource is not null && File.Exists(Path.Combine(besideSource, FileName)))
        {
            return Path.Combine(besideSource, FileName);
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "LrCluster.Core.Tests", "Schedules", FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"{FileName} not found beside {sourceFile} nor above {AppContext.BaseDirectory}; regenerate it with gen_schedule_vectors.py.");
    }
}
