using System.Net;
using System.Text.Json;

namespace LrCluster.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class ConcurrencyTests(SiloFactory silo)
{
    [Fact]
    public async Task Twenty_parallel_submissions_get_distinct_ids_and_all_complete()
    {
        using var client = silo.Api();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await client.PostAsync("/api/sweeps", Gateway.Yaml(Specs.Analytic));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(responses, r => Assert.True(r.StatusCode == HttpStatusCode.Created, r.Body));
        var ids = responses.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetString()!).ToList();
        Assert.Equal(20, ids.Distinct().Count());

        var finals = await Task.WhenAll(ids.Select(id => client.WaitFinalAsync(id)));
        Assert.All(finals, sweep => Assert.Equal("completed", sweep.GetProperty("state").GetString()));
    }
}
