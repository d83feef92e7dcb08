using System.Net;

namespace LrCluster.Silo.Tests;

public sealed class OpenGatewayTests(OpenSiloFactory silo) : IClassFixture<OpenSiloFactory>
{
    [Fact]
    public async Task Without_a_configured_token_the_gateway_is_open()
    {
        using var client = silo.CreateClient();

        using var response = await client.GetAsync("/api/sweeps");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
