using System.CommandLine;
using System.Net.Sockets;
using LrCluster.Client.Gateway;

namespace LrCluster.Client.Commands;

/// <summary>The <c>--cluster</c> and <c>--token</c> options of the verbs that talk to a gateway, and their error handling.</summary>
internal sealed class ClusterConnection
{
    public Option<string?> Cluster { get; } = new("--cluster", "-c") { Description = "Gateway URL of any silo (default: $LRC_CLUSTER)." };

    public Option<string?> Token { get; } = new("--token", "-t") { Description = "Bearer token (default: $LRC_TOKEN; prefer the variable, a flag shows in ps)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Cluster);
        command.Options.Add(Token);
    }

    /// <summary>Runs <paramref name="action"/> with a client; maps bad URLs and gateway refusals to exit codes.</summary>
    public async Task<int> RunAsync(ParseResult parse, Func<GatewayClient, Task<int>> action)
    {
        var url = parse.GetValue(Cluster) ?? Environment.GetEnvironmentVariable("LRC_CLUSTER");
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            CommonOptions.Error($"--cluster '{url}' is not a gateway URL; give http(s)://host:port (or set LRC_CLUSTER)");
            return ExitCodes.InvalidInput;
        }

        using var client = new GatewayClient(uri, parse.GetValue(Token) ?? Environment.GetEnvironmentVariable("LRC_TOKEN"));
        try
        {
            return await action(client);
        }
        catch (GatewayException e)
        {
            CommonOptions.Error(e.Message);
            return (int)e.Status is >= 400 and < 500 ? ExitCodes.InvalidInput : ExitCodes.Failure;
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException or IOException || e.HttpRequestError != HttpRequestError.Unknown)
        {
            CommonOptions.Error($"cannot reach {uri}: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
