using Microsoft.OpenApi;

namespace LrCluster.Silo.Gateway;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>, declaring the bearer scheme the gateway enforces.</summary>
public static class OpenApiExtensions
{
    public static IServiceCollection AddLrcOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "LrCluster silo gateway";
            document.Info.Description = "Submit LR range-test and cyclical-LR sweeps, follow them, read their curves, decisions and results.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Required on every /api route when the silo has a token (--token, LRC_TOKEN).",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
            return Task.CompletedTask;
        });
    });
}
