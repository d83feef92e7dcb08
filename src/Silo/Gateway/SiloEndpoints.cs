using LrCluster.Grains.Store;
using LrCluster.Silo.Hosting;

namespace LrCluster.Silo.Gateway;

/// <summary>Cluster membership: every silo that has joined, its slots, devices, last heartbeat and status.</summary>
public static class SiloEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/silos", (SiloRuntime runtime) => TypedResults.Ok(runtime.Store.ListSilos()))
            .WithName("ListSilos").WithSummary("Membership: silos with slots, devices, heartbeat and status.").Produces<IReadOnlyList<SiloInfo>>();
}
