using System.Net;
using System.Net.Http.Headers;

namespace LrCluster.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class AuthTests(SiloFactory silo)
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer wrong")]
    [InlineData("Bearer test-token")]
    [InlineData("Bearer test-token-01234567890")]
    [InlineData("Basic dGVzdDp0ZXN0")]
    [InlineData("test-token-0123456789")]
    public async Task A_request_without_the_right_token_is_a_401_with_a_bearer_challenge(string? authorization)
    {
        using var client = silo.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sweeps");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);

        await Gateway.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_right_token_is_let_through()
    {
        using var client = silo.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SiloFactory.Token);

        using var response = await client.GetAsync("/api/sweeps");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/sweeps")]
    [InlineData("GET", "/api/sweeps/x-1/events")]
    [InlineData("POST", "/api/sweeps/x-1/cancel")]
    [InlineData("GET", "/api/silos")]
    [InlineData("GET", "/api/no-such-route")]
    public async Task Every_api_route_wants_the_token_before_it_says_anything_else(string method, string path)
    {
        using var client = silo.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Gateway.Yaml(Specs.Analytic) });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/startup")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    public async Task Health_and_the_openapi_document_need_no_token(string path)
    {
        using var client = silo.CreateClient();
        await HealthTests.WaitHealthyAsync(client, "/health/ready");

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
