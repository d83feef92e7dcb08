using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LrCluster.Silo.Tests;

/// <summary>Spec bodies by media type: YAML and JSON are specs, anything malformed is a 400 problem, other types 415, never a 500.</summary>
[Collection(SiloCollection.Name)]
public sealed class SpecBodyTests(SiloFactory silo)
{
    private const string JsonSpec = """
        {
        	"name": "json-spec",
        	"seed": 1,
        	"data": { "builtin": "digits" },
        	"model": { "mlp": { "hidden": [4] } },
        	"loss": "mse",
        	"optimizer": { "name": "sgd", "momentum": 0.9 },
        	"batchSize": 16,
        	"rangeTest": { "start": 1.0e-4, "end": 10, "steps": 40, "repeats": 1 }
        }
        """;

    [Fact]
    public async Task A_json_spec_is_accepted_as_a_yaml_one_is_and_runs()
    {
        using var client = silo.Api();

        using var response = await client.PostAsync("/api/sweeps", new StringContent(JsonSpec, Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {body}");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        var sweep = await client.WaitFinalAsync(id);
        Assert.Equal("completed", sweep.GetProperty("state").GetString());
        Assert.Contains("\"json-spec\"", sweep.GetProperty("spec").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_spec_mistakes_are_listed_with_lines_in_spec_json()
    {
        using var client = silo.Api();

        using var response = await client.PostAsync("/api/sweeps", Json(JsonSpec.Replace("\"mse\"", "\"hinge\"", StringComparison.Ordinal)));

        var problem = await Gateway.ProblemAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("loss", error.GetProperty("path").GetString());
        Assert.Equal(6, error.GetProperty("line").GetInt32());
    }

    [Theory]
    [InlineData("{\"name\": \"x\",}")]
    [InlineData("{\"name\": ")]
    [InlineData("[1, 2")]
    [InlineData("{'name': 'x'}")]
    [InlineData("")]
    public async Task Malformed_json_is_a_400_that_says_json(string json)
    {
        using var client = silo.Api();

        using var response = await client.PostAsync("/api/sweeps", Json(json));

        var problem = await Gateway.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/yaml")]
    [InlineData("text/plain")]
    public async Task Valid_json_or_yaml_that_is_not_a_spec_object_and_an_empty_body_are_a_400(string mediaType)
    {
        using var client = silo.Api();

        foreach (var text in mediaType == "application/json" ? new[] { "[]", "\"name\"", "42", "null" } : ["", "[]", "42"])
        {
            using var response = await client.PostAsync("/api/sweeps", new StringContent(text, Encoding.UTF8, mediaType));
            await Gateway.ProblemAsync(response, HttpStatusCode.BadRequest);
        }
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/yaml")]
    public async Task Binary_junk_is_a_400(string mediaType)
    {
        using var client = silo.Api();
        var junk = new byte[4096];
        new Random(7).NextBytes(junk);
        var content = new ByteArrayContent(junk);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);

        using var response = await client.PostAsync("/api/sweeps", content);

        await Gateway.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("application/octet-stream")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=utf-16")]
    public async Task Another_media_type_is_a_415(string mediaType)
    {
        using var client = silo.Api();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(JsonSpec));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);

        using var response = await client.PostAsync("/api/sweeps", content);

        // Routing refuses types the endpoint does not list (its OpenAPI Accepts); the handler refuses other charsets.
        await Gateway.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_json_body_without_a_content_type_is_a_415_and_an_oversize_one_a_413()
    {
        using var client = silo.Api();
        var untyped = new ByteArrayContent(Encoding.UTF8.GetBytes(JsonSpec));

        using var none = await client.PostAsync("/api/sweeps", untyped);
        await Gateway.ProblemAsync(none, HttpStatusCode.UnsupportedMediaType);

        using var big = await client.PostAsync("/api/sweeps", Json("{\"name\": \"" + new string('x', 300 * 1024) + "\"}"));
        await Gateway.ProblemAsync(big, HttpStatusCode.RequestEntityTooLarge);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
