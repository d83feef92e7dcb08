using System.CommandLine;
using LrCluster.Client.Commands;

namespace LrCluster.Client;

/// <summary>Wires the verbs and turns parse errors into exit code 2 with the parser's message on stderr.</summary>
public static class Cli
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("lrc: LR range tests and cyclical-learning-rate sweeps, on one machine or a cluster.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(ScheduleCommand.Create());
        root.Subcommands.Add(SuggestCommand.Create());
        root.Subcommands.Add(SubmitCommand.Create());
        root.Subcommands.Add(WatchCommand.Create());
        root.Subcommands.Add(ShowCommand.Create());
        root.Subcommands.Add(ListCommand.Create());
        root.Subcommands.Add(CancelCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(this RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"lrc: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run 'lrc --help' or 'lrc <verb> --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug or an environment problem, not bad input: say what happened without a stack trace
            // unless asked for one.
            await Console.Error.WriteLineAsync($"lrc: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("LRC_DEBUG") == "1")
            {
                await Console.Error.WriteLineAsync(e.ToString());
            }

            return ExitCodes.Failure;
        }
    }
}
