using System.Net;
using System.Text.Json;

namespace LrCluster.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class HealthTests(SiloFactory silo)
{
    [Theory]
    [InlineData("/health/startup", "orleans")]
    [InlineData("/health/ready", "membership")]
    public async Task Startup_and_readiness_become_healthy_once_the_store_is_open_and_the_silo_is_active(string path, string check)
    {
        using var client = silo.CreateClient();

        var report = await WaitHealthyAsync(client, path);

        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Liveness_answers_without_checking_anything()
    {
        using var client = silo.CreateClient();

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    internal static async Task<JsonElement> WaitHealthyAsync(HttpClient client, string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return JsonDocument.Parse(body).RootElement.Clone();
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} still {response.StatusCode}: {body}");
            await Task.Delay(50);
        }
    }
}
