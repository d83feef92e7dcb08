using System.CommandLine;
using LrCluster.Core.Spec;

namespace LrCluster.Client.Commands;

/// <summary><c>lrc submit SPEC --cluster URL</c>: validates locally, submits, prints the sweep id (optionally watches it).</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Sweep spec (YAML). Data and model paths must exist on the silos." };
        var watch = new Option<bool>("--watch", "-w") { Description = "Follow the sweep's progress until it ends." };
        var format = CommonOptions.Format("table", "json");
        var connection = new ClusterConnection();
        var command = new Command("submit", "Submit a sweep to a cluster.") { spec, watch, format };
        connection.AddTo(command);
        command.SetAction((parse, cancellation) =>
        {
            var path = parse.GetValue(spec)!;
            try
            {
                SpecReader.ReadFile(path);
            }
            catch (SpecException e)
            {
                foreach (var error in e.Errors)
                {
                    Console.Error.WriteLine(error);
                }

                return Task.FromResult(ExitCodes.InvalidInput);
            }

            return connection.RunAsync(parse, async client =>
            {
                var created = await client.SubmitAsync(await File.ReadAllTextAsync(path, cancellation), cancellation);
                var id = created.GetProperty("id").GetString()!;
                if (parse.GetValue(format) == "json" && !parse.GetValue(watch))
                {
                    Console.Out.WriteLine(created.ToString());
                }
                else if (!parse.GetValue(watch))
                {
                    Console.Out.WriteLine(id);
                }

                return parse.GetValue(watch) ? await WatchCommand.FollowAsync(client, id, parse.GetValue(format) == "json", cancellation) : ExitCodes.Success;
            });
        });
        return command;
    }
}
