using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace LrCluster.Silo.Gateway;

/// <summary>
/// Reads a submitted spec: a YAML or JSON media type, UTF-8, at most the configured size (counted while reading, so a
/// chunked body cannot slip past it). JSON is YAML (a YAML 1.2 parser reads a JSON document as it is), so a JSON body goes
/// to the same spec reader; it is first checked as JSON, so malformed JSON is reported as JSON (line and byte), not as
/// whatever the YAML parser makes of it.
/// </summary>
public static class SpecBody
{
    public static readonly string[] YamlTypes = ["application/yaml", "text/yaml", "application/x-yaml", "text/x-yaml", "text/plain"];
    public const string JsonType = "application/json";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text, the file name its spec errors name (<c>spec.yaml</c> or <c>spec.json</c>), or the problem to answer with.</summary>
    public static async Task<(string? Text, string FileName, IResult? Problem)> ReadAsync(HttpRequest request, int limit, CancellationToken cancellation)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, "", Problems.UnsupportedMediaType(request.ContentType));
        }

        var json = type.MediaType.Equals(JsonType, StringComparison.OrdinalIgnoreCase);
        if (!json && !YamlTypes.Contains(type.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            return (null, "", Problems.UnsupportedMediaType(request.ContentType));
        }

        var fileName = json ? "spec.json" : "spec.yaml";
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellation).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > limit)
            {
                return (null, fileName, Problems.TooLarge(limit));
            }

            body.Write(buffer, 0, read);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(body.GetBuffer(), 0, (int)body.Length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return (null, fileName, Problems.BadRequest("the spec is not valid UTF-8"));
        }

        return json ? FromJson(text) : (text, fileName, null);
    }

    private static (string?, string, IResult?) FromJson(string text)
    {
        try
        {
            // Default depth (64): deeper documents are refused here; the spec reader refuses anything past 32 levels with its own message.
            using var _ = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : "";
            return (null, "spec.json", Problems.BadRequest($"the spec is not valid JSON{where}; send one JSON object (name, data, model, ...)"));
        }

        // Outside strings a tab is only white space in JSON (inside one it must be escaped), but YAML refuses tabs where
        // it reads indentation: as spaces they mean the same to both, and every line keeps its number.
        return (text.Replace('\t', ' '), "spec.json", null);
    }
}
