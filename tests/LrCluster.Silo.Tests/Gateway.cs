using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LrCluster.Silo.Tests;

/// <summary>The calls the tests make on the gateway, reading answers as plain JSON (the wire shape is what is under test).</summary>
internal static class Gateway
{
    public static readonly TimeSpan SweepTimeout = TimeSpan.FromSeconds(90);

    public static StringContent Yaml(string yaml, string mediaType = "application/yaml") =>
        new(yaml, Encoding.UTF8, new MediaTypeHeaderValue(mediaType));

    public static async Task<string> SubmitAsync(this HttpClient client, string yaml)
    {
        using var response = await client.PostAsync("/api/sweeps", Yaml(yaml));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Polls the sweep until it is final (or the timeout passes) and returns its last JSON.</summary>
    public static async Task<JsonElement> WaitFinalAsync(this HttpClient client, string id)
    {
        var deadline = DateTime.UtcNow + SweepTimeout;
        while (true)
        {
            var sweep = await client.GetJsonAsync($"/api/sweeps/{id}");
            var state = sweep.GetProperty("state").GetString();
            if (state is "completed" or "failed" or "cancelled")
            {
                return sweep;
            }

            Assert.True(DateTime.UtcNow < deadline, $"sweep {id} is still {state} after {SweepTimeout}");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls until <paramref name="until"/> holds for the sweep's JSON.</summary>
    public static async Task<JsonElement> WaitAsync(this HttpClient client, string id, Func<JsonElement, bool> until, string what)
    {
        var deadline = DateTime.UtcNow + SweepTimeout;
        while (true)
        {
            var sweep = await client.GetJsonAsync($"/api/sweeps/{id}");
            if (until(sweep))
            {
                return sweep;
            }

            Assert.True(DateTime.UtcNow < deadline, $"sweep {id}: {what} did not happen within {SweepTimeout}");
            await Task.Delay(20);
        }
    }

    /// <summary>Polls <paramref name="path"/> until <paramref name="until"/> picks a value out of its JSON.</summary>
    public static async Task<JsonElement> WaitForAsync(this HttpClient client, string path, Func<JsonElement, JsonElement?> until, string what)
    {
        var deadline = DateTime.UtcNow + SweepTimeout;
        while (true)
        {
            if (until(await client.GetJsonAsync(path)) is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen within {SweepTimeout}");
            await Task.Delay(20);
        }
    }

    /// <summary>Asserts a problem document with the given status and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
