using Xunit.Abstractions;

namespace LrCluster.Cluster.Tests.Processes;

/// <summary>
/// A gateway that is not a silo: <c>lrc-silo --role gateway</c> is an Orleans client that finds the cluster through the
/// PostgreSQL membership and serves the same API through the grains, with no slots of its own. A sweep submitted to it
/// runs on the silo, and the gateway keeps serving when the silo it first talked to is replaced by another.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GatewayProcessTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lrc-cluster-gateway-").FullName;

    [PostgresFact]
    public async Task A_client_gateway_runs_sweeps_on_the_silos_and_follows_the_membership()
    {
        using var schema = new PostgresSchema();
        using var gateway = SiloProcess.Start(_dir, schema.Url, "gw", role: "gateway");
        using var a = SiloProcess.Start(_dir, schema.Url, "gw-a");
        await Task.WhenAll(gateway.WaitReadyAsync(), a.WaitReadyAsync());

        var id = await gateway.Client.SubmitAsync(ProcessSpecs.Digits);
        var sweep = await gateway.Client.WaitFinalAsync(id, TimeSpan.FromSeconds(90));
        Assert.True(sweep.State() == "completed", $"sweep ended {sweep}\n{a.Output}");
        Assert.All(sweep.Trials(), t => Assert.Equal("gw-a", t.Owner()));
        var silos = (await gateway.Client.GetJsonAsync("/api/silos")).EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["gw-a"], silos);

        using var b = SiloProcess.Start(_dir, schema.Url, "gw-b");
        await b.WaitReadyAsync();
        a.Terminate();
        Assert.True(a.WaitForExit(TimeSpan.FromSeconds(60)), $"gw-a did not stop on SIGTERM\n{a.Output}");
        var next = await gateway.Client.SubmitAsync(ProcessSpecs.Digits);
        var nextSweep = await gateway.Client.WaitFinalAsync(next, TimeSpan.FromSeconds(120));

        output.WriteLine($"first sweep on gw-a, second on [{string.Join(", ", nextSweep.Trials().Select(t => t.Owner()))}]");
        Assert.True(nextSweep.State() == "completed", $"sweep ended {nextSweep}\n{b.Output}\n{gateway.Output}");
        Assert.All(nextSweep.Trials(), t => Assert.Equal("gw-b", t.Owner()));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
