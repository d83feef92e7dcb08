using System.CommandLine;
using Spectre.Console;

namespace LrCluster.Client.Commands;

/// <summary>Options several verbs share, and the stderr console all human text goes to.</summary>
internal static class CommonOptions
{
    public static Option<string> Format(params string[] allowed)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = $"Output format: {string.Join(", ", allowed)}. With json, stdout carries only JSON.",
            DefaultValueFactory = _ => allowed[0],
        };
        option.AcceptOnlyFromAmong(allowed);
        return option;
    }

    /// <summary>Human text goes to stderr so that stdout stays machine-readable (<see cref="Terminal.Stderr"/>).</summary>
    public static IAnsiConsole Stderr => Terminal.Stderr;

    public static void Error(string message) => Console.Error.WriteLine($"lrc: {message}");
}
