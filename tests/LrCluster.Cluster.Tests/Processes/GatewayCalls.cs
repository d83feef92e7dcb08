using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LrCluster.Cluster.Tests.Processes;

/// <summary>The gateway calls the process tests make, reading answers as plain JSON.</summary>
internal static class GatewayCalls
{
    public static async Task<string> SubmitAsync(this HttpClient client, string yaml)
    {
        using var content = new StringContent(yaml, Encoding.UTF8, new MediaTypeHeaderValue("application/yaml"));
        using var response = await client.PostAsync("/api/sweeps", content);
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

    public static Task<JsonElement> SweepAsync(this HttpClient client, string id) => client.GetJsonAsync($"/api/sweeps/{id}");

    public static string State(this JsonElement sweep) => sweep.GetProperty("state").GetString()!;

    public static bool IsFinal(this JsonElement sweep) => sweep.State() is "completed" or "failed" or "cancelled";

    public static IEnumerable<JsonElement> Trials(this JsonElement sweep) => sweep.GetProperty("trials").EnumerateArray();

    public static JsonElement Trial(this JsonElement sweep, string trialId) => sweep.Trials().Single(t => t.GetProperty("id").GetString() == trialId);

    /// <summary>The owning silo; the gateway leaves the property out while no silo owns the trial.</summary>
    public static string? Owner(this JsonElement trial) =>
        trial.TryGetProperty("owner", out var owner) && owner.ValueKind == JsonValueKind.String ? owner.GetString() : null;

    public static long Epoch(this JsonElement trial) => trial.GetProperty("epoch").GetInt64();

    public static long Step(this JsonElement trial) => trial.GetProperty("step").GetInt64();

    public static string Status(this JsonElement trial) => trial.GetProperty("status").GetString()!;

    /// <summary>Polls the sweep (every 20 ms) until <paramref name="until"/> returns a value; tolerates a gateway that is briefly unable to answer.</summary>
    public static async Task<T> WaitAsync<T>(this HttpClient client, string id, Func<JsonElement, T?> until, TimeSpan timeout, string what)
        where T : struct
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (true)
        {
            try
            {
                using var response = await client.GetAsync($"/api/sweeps/{id}");
                last = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode && until(JsonDocument.Parse(last).RootElement.Clone()) is { } value)
                {
                    return value;
                }
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            Assert.True(DateTime.UtcNow < deadline, $"sweep {id}: {what} did not happen within {timeout.TotalSeconds} s; last answer: {last}");
            await Task.Delay(20);
        }
    }

    public static async Task<JsonElement> WaitFinalAsync(this HttpClient client, string id, TimeSpan timeout) =>
        await client.WaitAsync(id, s => s.IsFinal() ? s : (JsonElement?)null, timeout, "the end");

    /// <summary>The trial's recorded (step, loss, lr) through the gateway; non-numbers arrive as "NaN" strings.</summary>
    public static async Task<IReadOnlyList<(long Step, double Loss, double Lr)>> PointsAsync(this HttpClient client, string id, string trialId)
    {
        var points = await client.GetJsonAsync($"/api/sweeps/{id}/trials/{trialId}/points");
        return points.EnumerateArray().Select(p => (p.GetProperty("step").GetInt64(), Number(p.GetProperty("loss")), Number(p.GetProperty("lr")))).ToList();
    }

    private static double Number(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture)
        : value.GetDouble();
}
