using LrCluster.Silo.Security;

namespace LrCluster.Silo.Gateway;

/// <summary>The gateway under <c>/api</c> (bearer token when one is configured) and the OpenAPI document (open).</summary>
public static class GatewayEndpoints
{
    public static WebApplication MapGateway(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("gateway").WithMetadata(RequiresToken.Instance);
        SweepEndpoints.Map(api);
        TrialEndpoints.Map(api);
        SweepEventsEndpoint.Map(api);
        SiloEndpoints.Map(api);
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}
