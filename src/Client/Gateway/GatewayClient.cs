using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace LrCluster.Client.Gateway;

/// <summary>
/// Talks to a silo's gateway. The token comes from <c>--token</c> or <c>LRC_TOKEN</c> and travels only
/// as a bearer header. Gateway answers are read as JSON documents so the CLI prints what the cluster says.
/// </summary>
public sealed class GatewayClient : IDisposable
{
    private readonly HttpClient _http;

    public GatewayClient(Uri cluster, string? token, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = cluster;
        _http.Timeout = Timeout.InfiniteTimeSpan;
        if (!string.IsNullOrEmpty(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Task<JsonElement> SubmitAsync(string yaml, CancellationToken cancellation) =>
        SendAsync(HttpMethod.Post, "api/sweeps", new StringContent(yaml, Encoding.UTF8, "application/yaml"), cancellation);

    public Task<JsonElement> ListAsync(int limit, CancellationToken cancellation) =>
        SendAsync(HttpMethod.Get, $"api/sweeps?limit={limit}", null, cancellation);

    public Task<JsonElement> GetAsync(string id, CancellationToken cancellation) =>
        SendAsync(HttpMethod.Get, $"api/sweeps/{Uri.EscapeDataString(id)}", null, cancellation);

    public Task<JsonElement> GetPathAsync(string relative, CancellationToken cancellation) =>
        SendAsync(HttpMethod.Get, relative, null, cancellation);

    public Task<JsonElement> CancelAsync(string id, CancellationToken cancellation) =>
        SendAsync(HttpMethod.Post, $"api/sweeps/{Uri.EscapeDataString(id)}/cancel", null, cancellation);

    /// <summary>The sweep's server-sent events as (event, data) pairs until the server ends the stream.</summary>
    public async IAsyncEnumerable<(string Event, JsonElement Data)> EventsAsync(string id, [EnumeratorCancellation] CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/sweeps/{Uri.EscapeDataString(id)}/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellation).ConfigureAwait(false);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellation).ConfigureAwait(false));
        var name = "message";
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellation).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    yield return (name, JsonDocument.Parse(data.ToString()).RootElement.Clone());
                }

                name = "message";
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line["data:".Length..].TrimStart());
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await _http.SendAsync(request, cancellation).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellation).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
        throw new GatewayException(response.StatusCode, Describe(response.StatusCode, body));
    }

    private static string Describe(HttpStatusCode status, string body)
    {
        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            var lines = new List<string>();
            if (problem.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
            {
                lines.Add(detail.GetString()!);
            }
            else if (problem.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String)
            {
                lines.Add(title.GetString()!);
            }

            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in errors.EnumerateArray())
                {
                    lines.Add(e.ValueKind == JsonValueKind.Object
                        ? $"{Field(e, "line")}: {Field(e, "path")}: {Field(e, "message")}"
                        : e.ToString());
                }
            }

            return $"{(int)status} {status}: {string.Join(Environment.NewLine, lines)}";
        }
        catch (JsonException)
        {
            return $"{(int)status} {status}";
        }
    }

    private static string Field(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.ToString() : "";
}
