using System.Text;
using Microsoft.Net.Http.Headers;

namespace LrCluster.Silo.Gateway;

/// <summary>Reads a submitted spec: a YAML media type, UTF-8, at most the configured size (counted while reading, so a chunked body cannot slip past it).</summary>
public static class SpecBody
{
    private static readonly string[] MediaTypes = ["text/yaml", "application/yaml", "application/x-yaml", "text/x-yaml", "text/plain"];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<(string? Yaml, IResult? Problem)> ReadAsync(HttpRequest request, int limit, CancellationToken cancellation)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !MediaTypes.Contains(type.MediaType.Value, StringComparer.OrdinalIgnoreCase)
            || (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, Problems.UnsupportedMediaType(request.ContentType));
        }

        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellation).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > limit)
            {
                return (null, Problems.TooLarge(limit));
            }

            body.Write(buffer, 0, read);
        }

        try
        {
            var text = StrictUtf8.GetString(body.GetBuffer(), 0, (int)body.Length);
            return (text.TrimStart('\uFEFF'), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Problems.BadRequest("the spec is not valid UTF-8"));
        }
    }
}
