using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LrCluster.Core.Schedules;
using LrCluster.Grains;
using Spectre.Console;

namespace LrCluster.Client.Commands;

/// <summary><c>lrc schedule</c>: the LR (and momentum) at steps 0..N-1, exactly as PyTorch's CyclicLR / OneCycleLR would set them.</summary>
internal static class ScheduleCommand
{
    public static Command Create()
    {
        var policy = new Option<string>("--policy", "-p") { Description = "triangular, triangular2, exp_range or one_cycle.", Required = true };
        policy.AcceptOnlyFromAmong("triangular", "triangular2", "exp_range", "one_cycle");
        var baseLr = new Option<double>("--base-lr") { Description = "Lower bound (cyclic policies).", DefaultValueFactory = _ => 0.001 };
        var maxLr = new Option<double>("--max-lr") { Description = "Upper bound.", DefaultValueFactory = _ => 0.006 };
        var up = new Option<int>("--step-size-up") { Description = "Steps from base to max.", DefaultValueFactory = _ => 2000 };
        var down = new Option<int?>("--step-size-down") { Description = "Steps from max back to base (default: as up)." };
        var gamma = new Option<double>("--gamma") { Description = "exp_range decay per step.", DefaultValueFactory = _ => 1.0 };
        var scaleMode = new Option<string?>("--scale-mode") { Description = "cycle or iterations (fixed by the built-in policies)." };
        scaleMode.AcceptOnlyFromAmong("cycle", "iterations");
        var totalSteps = new Option<long?>("--total-steps") { Description = "one_cycle: total steps (default: --steps)." };
        var pctStart = new Option<double>("--pct-start") { Description = "one_cycle: share of steps spent rising.", DefaultValueFactory = _ => 0.3 };
        var anneal = new Option<string>("--anneal") { Description = "one_cycle: cos or linear.", DefaultValueFactory = _ => "cos" };
        anneal.AcceptOnlyFromAmong("cos", "linear");
        var div = new Option<double>("--div-factor") { Description = "one_cycle: initial lr = max / div.", DefaultValueFactory = _ => 25 };
        var finalDiv = new Option<double>("--final-div-factor") { Description = "one_cycle: min lr = initial / final div.", DefaultValueFactory = _ => 1e4 };
        var threePhase = new Option<bool>("--three-phase") { Description = "one_cycle: up, symmetric down, then annihilate." };
        var cycleMomentum = new Option<bool?>("--cycle-momentum") { Description = "Cycle momentum opposite to the LR (default: false for cyclic, true for one_cycle)." };
        var baseMomentum = new Option<double?>("--base-momentum") { Description = "Lower momentum (0.8 cyclic, 0.85 one_cycle)." };
        var maxMomentum = new Option<double?>("--max-momentum") { Description = "Upper momentum (0.9 cyclic, 0.95 one_cycle)." };
        var steps = new Option<long>("--steps", "-n") { Description = "How many steps to print.", Required = true };
        var format = CommonOptions.Format("csv", "json", "table");
        var command = new Command("schedule", "Print a cyclical schedule step by step.")
        {
            policy, baseLr, maxLr, up, down, gamma, scaleMode, totalSteps, pctStart, anneal, div, finalDiv, threePhase,
            cycleMomentum, baseMomentum, maxMomentum, steps, format,
        };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(steps);
            if (n is < 1 or > 10_000_000)
            {
                CommonOptions.Error($"--steps {n} is out of range; allowed: 1 to 10000000");
                return ExitCodes.InvalidInput;
            }

            ILrSchedule schedule;
            try
            {
                var p = parse.GetValue(policy)!;
                if (p == "one_cycle")
                {
                    var options = new OneCycleOptions(parse.GetValue(maxLr), parse.GetValue(totalSteps) ?? n, parse.GetValue(pctStart),
                        parse.GetValue(anneal) == "linear" ? AnnealStrategy.Linear : AnnealStrategy.Cos, parse.GetValue(div), parse.GetValue(finalDiv),
                        parse.GetValue(threePhase), parse.GetValue(cycleMomentum) ?? true, parse.GetValue(baseMomentum) ?? 0.85, parse.GetValue(maxMomentum) ?? 0.95);
                    options.Validate();
                    if (n > options.TotalSteps)
                    {
                        CommonOptions.Error($"--steps {n} exceeds --total-steps {options.TotalSteps}; one_cycle is defined for steps 0..total-1");
                        return ExitCodes.InvalidInput;
                    }

                    schedule = new OneCycleSchedule(options);
                }
                else
                {
                    var mode = p switch { "triangular2" => CyclicMode.Triangular2, "exp_range" => CyclicMode.ExpRange, _ => CyclicMode.Triangular };
                    var scale = parse.GetValue(scaleMode) switch { "cycle" => ScaleMode.Cycle, "iterations" => ScaleMode.Iterations, _ => (ScaleMode?)null };
                    var options = new CyclicOptions(parse.GetValue(baseLr), parse.GetValue(maxLr), parse.GetValue(up), parse.GetValue(down), mode,
                        parse.GetValue(gamma), null, scale, parse.GetValue(cycleMomentum) ?? false, parse.GetValue(baseMomentum) ?? 0.8, parse.GetValue(maxMomentum) ?? 0.9);
                    options.Validate();
                    schedule = new CyclicSchedule(options);
                }
            }
            catch (ArgumentException e)
            {
                CommonOptions.Error(OptionNames(e.Message));
                return ExitCodes.InvalidInput;
            }

            Write(ScheduleTable.Sample(schedule, n), parse.GetValue(format)!);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The schedule classes name their fields (MaxLr); the user typed options (--max-lr).</summary>
    private static string OptionNames(string message)
    {
        message = System.Text.RegularExpressions.Regex.Replace(message, @"\s*\(Parameter '[^']*'\)", "");
        message = System.Text.RegularExpressions.Regex.Replace(message, @"\b(CyclicOptions|OneCycleOptions)\.", "");
        foreach (var (field, option) in Options)
        {
            message = System.Text.RegularExpressions.Regex.Replace(message, $@"\b{field}\b", option);
        }

        return message;
    }

    private static readonly (string Field, string Option)[] Options =
    [
        ("BaseLr", "--base-lr"), ("MaxLr", "--max-lr"), ("StepSizeUp", "--step-size-up"), ("StepSizeDown", "--step-size-down"),
        ("Gamma", "--gamma"), ("ScaleMode", "--scale-mode"), ("TotalSteps", "--total-steps"), ("PctStart", "--pct-start"),
        ("DivFactor", "--div-factor"), ("FinalDivFactor", "--final-div-factor"), ("BaseMomentum", "--base-momentum"), ("MaxMomentum", "--max-momentum"),
    ];

    private static void Write(IReadOnlyList<(long Step, ScheduleValue Value)> rows, string format)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (format)
        {
            case "json":
                // Like every JSON we print, fields without a value are left out: momentum appears only when it is cycled.
                Console.Out.WriteLine(JsonSerializer.Serialize(rows.Select(r => new { step = r.Step, lr = r.Value.Lr, momentum = r.Value.Momentum }), Json.Options));
                break;
            case "table":
                var table = new Table().AddColumns("step", "lr", "momentum");
                foreach (var (step, value) in rows)
                {
                    table.AddRow(step.ToString(invariant), value.Lr.ToString("G10", invariant), value.Momentum?.ToString("G10", invariant) ?? "");
                }

                Terminal.Stdout.Write(table);
                break;
            default:
                var output = Console.Out;
                output.WriteLine("step,lr,momentum");
                foreach (var (step, value) in rows)
                {
                    output.WriteLine(string.Create(invariant, $"{step},{value.Lr:R},{value.Momentum:R}"));
                }

                break;
        }
    }
}
