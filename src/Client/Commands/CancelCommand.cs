using System.CommandLine;

namespace LrCluster.Client.Commands;

/// <summary><c>lrc cancel ID</c>: stops every grain of the sweep and frees its slots.</summary>
internal static class CancelCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Sweep id." };
        var connection = new ClusterConnection();
        var command = new Command("cancel", "Cancel a running sweep.") { id };
        connection.AddTo(command);
        command.SetAction((parse, cancellation) => connection.RunAsync(parse, async client =>
        {
            await client.CancelAsync(parse.GetValue(id)!, cancellation);
            Console.Error.WriteLine($"{parse.GetValue(id)}: cancelled");
            return ExitCodes.Success;
        }));
        return command;
    }
}
