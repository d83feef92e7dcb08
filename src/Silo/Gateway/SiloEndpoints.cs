using LrCluster.Grains.Contracts;

namespace LrCluster.Silo.Gateway;

/// <summary>Cluster membership as Orleans sees it: every silo, its slots (busy ones too), GPUs, last I-am-alive and status.</summary>
public static class SiloEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/silos", async (IGrainFactory grains) => TypedResults.Ok(await grains.Query().ListSilos().ConfigureAwait(false)))
            .WithName("ListSilos").WithSummary("Membership: silos with slots, devices, last I-am-alive and status.").Produces<IReadOnlyList<SiloInfo>>();
}
