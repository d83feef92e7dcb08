using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LrCluster.Client.Tests;

/// <summary>
/// The PyTorch reference vectors committed with the Core tests (schedule_vectors.json), turned into
/// <c>lrc schedule</c> arguments.
/// </summary>
internal static class ScheduleVectors
{
    private static readonly Lazy<JsonElement> Root = new(Load);

    public static JsonElement Case(string section, string name) =>
        Root.Value.GetProperty(section).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static double[] Lr(JsonElement vector) => vector.GetProperty("lr").EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>The expected momentum per step, or null where the reference does not cycle momentum.</summary>
    public static double[]? Momentum(JsonElement vector) =>
        vector.TryGetProperty("momentum", out var m) && m.ValueKind == JsonValueKind.Array && m.GetArrayLength() > 0
            ? m.EnumerateArray().Select(e => e.GetDouble()).ToArray()
            : null;

    public static List<string> Arguments(string section, JsonElement vector)
    {
        var p = vector.GetProperty("params");
        var args = new List<string> { "schedule", "--format", "csv", "--steps", vector.GetProperty("steps").GetInt64().ToString(CultureInfo.InvariantCulture) };
        if (section == "one_cycle")
        {
            args.AddRange(["--policy", "one_cycle"]);
        }
        else
        {
            args.AddRange(["--policy", p.TryGetProperty("mode", out var mode) ? mode.GetString()! : "triangular"]);
        }

        foreach (var property in p.EnumerateObject())
        {
            var option = property.Name switch
            {
                "base_lr" => "--base-lr",
                "max_lr" => "--max-lr",
                "step_size_up" => "--step-size-up",
                "step_size_down" => "--step-size-down",
                "gamma" => "--gamma",
                "scale_mode" => "--scale-mode",
                "total_steps" => "--total-steps",
                "pct_start" => "--pct-start",
                "anneal_strategy" => "--anneal",
                "div_factor" => "--div-factor",
                "final_div_factor" => "--final-div-factor",
                "three_phase" => "--three-phase",
                "cycle_momentum" => "--cycle-momentum",
                "base_momentum" => "--base-momentum",
                "max_momentum" => "--max-momentum",
                "mode" or "optimizer" => null,
                var other => throw new InvalidDataException($"{vector.GetProperty("name")}: parameter {other} has no lrc option"),
            };
            if (option is null)
            {
                continue;
            }

            args.Add(option);
            args.Add(property.Value.ValueKind switch
            {
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => property.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
                _ => property.Value.GetString()!,
            });
        }

        return args;
    }

    private static JsonElement Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Locate()));
        return document.RootElement.Clone();
    }

    private static string Locate([CallerFilePath] string sourceFile = "")
    {
        var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(sourceFile)!, "..", "LrCluster.Core.Tests", "Schedules", "schedule_vectors.json"));
        return File.Exists(path) ? path : throw new FileNotFoundException($"reference vectors not found at {path}");
    }
}
