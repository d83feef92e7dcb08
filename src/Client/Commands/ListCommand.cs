using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace LrCluster.Client.Commands;

/// <summary><c>lrc list</c>: the cluster's sweeps, newest first.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit", "-n") { Description = "At most this many (1 to 1000).", DefaultValueFactory = _ => 50 };
        var format = CommonOptions.Format("table", "json");
        var connection = new ClusterConnection();
        var command = new Command("list", "List the sweeps of a cluster.") { limit, format };
        connection.AddTo(command);
        command.SetAction((parse, cancellation) =>
        {
            if (parse.GetValue(limit) is < 1 or > 1000)
            {
                CommonOptions.Error("--limit must be 1 to 1000");
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            return connection.RunAsync(parse, async client =>
            {
                var sweeps = await client.ListAsync(parse.GetValue(limit), cancellation);
                if (parse.GetValue(format) == "json")
                {
                    Console.Out.WriteLine(sweeps.ToString());
                    return ExitCodes.Success;
                }

                var table = new Table().AddColumns("id", "name", "state", "created", "error");
                var items = sweeps.ValueKind == JsonValueKind.Array ? sweeps : sweeps.TryGetProperty("sweeps", out var inner) ? inner : default;
                foreach (var s in items.ValueKind == JsonValueKind.Array ? items.EnumerateArray() : Enumerable.Empty<JsonElement>())
                {
                    table.AddRow(Text(s, "id"), Text(s, "name"), Text(s, "state"), Text(s, "createdAt"), Text(s, "error"));
                }

                Terminal.Stdout.Write(table);
                return ExitCodes.Success;
            });
        });
        return command;
    }

    internal static string Text(JsonElement e, string name) =>
        Markup.Escape(e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : "");
}
