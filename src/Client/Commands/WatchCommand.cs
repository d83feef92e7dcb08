using System.CommandLine;
using System.Text.Json;
using LrCluster.Client.Gateway;
using Spectre.Console;

namespace LrCluster.Client.Commands;

/// <summary><c>lrc watch ID</c>: live progress from the gateway's event stream until the sweep ends.</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Sweep id." };
        var format = CommonOptions.Format("table", "json");
        var connection = new ClusterConnection();
        var command = new Command("watch", "Follow a sweep's progress until it ends.") { id, format };
        connection.AddTo(command);
        command.SetAction((parse, cancellation) => connection.RunAsync(parse,
            client => FollowAsync(client, parse.GetValue(id)!, parse.GetValue(format) == "json", cancellation)));
        return command;
    }

    /// <summary>Follows the stream; exit code 0 when the sweep completed, 1 when it failed or was cancelled.</summary>
    public static async Task<int> FollowAsync(GatewayClient client, string id, bool json, CancellationToken cancellation)
    {
        var console = CommonOptions.Stderr;
        var last = "";
        var bars = new Dictionary<string, ProgressTask>();
        async Task Consume(ProgressContext? context)
        {
            await foreach (var (name, data) in client.EventsAsync(id, cancellation))
            {
                if (name == "state")
                {
                    last = data.TryGetProperty("state", out var s) ? s.GetString() ?? last : last;
                    if (context is null)
                    {
                        console.WriteLine($"{id}: {last}");
                    }
                }
                else if (name == "progress" && context is not null && data.TryGetProperty("trials", out var trials))
                {
                    foreach (var t in trials.EnumerateArray())
                    {
                        var trial = ListCommand.Text(t, "id");
                        var total = t.TryGetProperty("totalSteps", out var ts) && ts.TryGetDouble(out var tv) ? Math.Max(1, tv) : 1;
                        if (!bars.TryGetValue(trial, out var bar))
                        {
                            bar = bars[trial] = context.AddTask(trial, maxValue: total);
                        }

                        bar.Value = t.TryGetProperty("step", out var st) && st.TryGetDouble(out var sv) ? Math.Min(sv, total) : 0;
                        bar.Description = $"{trial} [grey]{ListCommand.Text(t, "status")}[/]";
                    }
                }
            }
        }

        if (console.Profile.Capabilities.Interactive && !json)
        {
            await console.Progress().AutoClear(false).StartAsync(Consume);
        }
        else
        {
            await Consume(null);
        }

        var sweep = await client.GetAsync(id, cancellation);
        var state = sweep.TryGetProperty("state", out var final) ? final.GetString() : last;
        if (json)
        {
            Console.Out.WriteLine(sweep.ToString());
        }
        else
        {
            console.MarkupLine($"{Markup.Escape(id)}: [bold]{Markup.Escape(state ?? "unknown")}[/]");
        }

        return string.Equals(state, "completed", StringComparison.OrdinalIgnoreCase) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
