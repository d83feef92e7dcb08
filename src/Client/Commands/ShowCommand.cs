using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace LrCluster.Client.Commands;

/// <summary><c>lrc show ID</c>: one sweep's state, trials, decision and ranking.</summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Sweep id (from submit or list)." };
        var format = CommonOptions.Format("table", "json");
        var connection = new ClusterConnection();
        var command = new Command("show", "Show a sweep of a cluster.") { id, format };
        connection.AddTo(command);
        command.SetAction((parse, cancellation) => connection.RunAsync(parse, async client =>
        {
            var sweep = await client.GetAsync(parse.GetValue(id)!, cancellation);
            if (parse.GetValue(format) == "json")
            {
                Console.Out.WriteLine(sweep.ToString());
                return ExitCodes.Success;
            }

            Terminal.Stdout.MarkupLine($"[bold]{ListCommand.Text(sweep, "name")}[/] ({ListCommand.Text(sweep, "id")}): [bold]{ListCommand.Text(sweep, "state")}[/] {ListCommand.Text(sweep, "error")}");
            var table = new Table().AddColumns("trial", "phase", "status", "step", "lr", "smoothed loss", "owner", "epoch");
            if (sweep.TryGetProperty("trials", out var trials) && trials.ValueKind == JsonValueKind.Array)
            {
                foreach (var t in trials.EnumerateArray())
                {
                    table.AddRow(ListCommand.Text(t, "id"), ListCommand.Text(t, "phase"), ListCommand.Text(t, "status"),
                        $"{ListCommand.Text(t, "step")}/{ListCommand.Text(t, "totalSteps")}", ListCommand.Text(t, "lr"), ListCommand.Text(t, "smoothed"),
                        ListCommand.Text(t, "owner"), ListCommand.Text(t, "epoch"));
                }
            }

            Terminal.Stdout.Write(table);
            if (sweep.TryGetProperty("decision", out var decision) && decision.ValueKind == JsonValueKind.Object)
            {
                var section = decision.TryGetProperty("section", out var s) && s.ValueKind == JsonValueKind.Object
                    ? $"{ListCommand.Text(s, "baseLr")} – {ListCommand.Text(s, "maxLr")}" : "none";
                Terminal.Stdout.MarkupLine($"chosen candidate [bold]{ListCommand.Text(decision, "chosenCandidate")}[/], {ListCommand.Text(decision, "method")} suggests [bold]{ListCommand.Text(decision, "suggestedLr")}[/], section [bold]{section}[/]");
            }

            if (sweep.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Object && results.TryGetProperty("ranking", out var ranking))
            {
                var rank = new Table().AddColumns("rank", "config", "policy", "status", "final val loss", "val metric", "steps to baseline", "× baseline");
                foreach (var r in ranking.EnumerateArray())
                {
                    rank.AddRow(ListCommand.Text(r, "rank"), ListCommand.Text(r, "config"), ListCommand.Text(r, "policy"), ListCommand.Text(r, "status"),
                        ListCommand.Text(r, "finalValLoss"), ListCommand.Text(r, "finalValMetric"), ListCommand.Text(r, "stepsToBaseline"),
                        ListCommand.Text(r, "baselineStepRatio"));
                }

                Terminal.Stdout.Write(rank);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
