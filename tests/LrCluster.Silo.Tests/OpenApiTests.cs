using System.Text.Json;

namespace LrCluster.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class OpenApiTests(SiloFactory silo)
{
    [Fact]
    public async Task The_openapi_document_parses_and_lists_every_gateway_route()
    {
        using var client = silo.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        Assert.Equal(
            [
                "/api/silos",
                "/api/sweeps",
                "/api/sweeps/{id}",
                "/api/sweeps/{id}/cancel",
                "/api/sweeps/{id}/decision",
                "/api/sweeps/{id}/events",
                "/api/sweeps/{id}/results",
                "/api/sweeps/{id}/trials/{trialId}/epochs",
                "/api/sweeps/{id}/trials/{trialId}/evaluations",
                "/api/sweeps/{id}/trials/{trialId}/points",
            ],
            paths.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.True(paths.GetProperty("/api/sweeps").TryGetProperty("post", out var post));
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("text/yaml", out _));
        Assert.True(paths.GetProperty("/api/sweeps").TryGetProperty("get", out _));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
    }
}
