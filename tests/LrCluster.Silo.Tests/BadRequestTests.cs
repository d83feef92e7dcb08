using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace LrCluster.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class BadRequestTests(SiloFactory silo)
{
    [Fact]
    public async Task Yaml_that_does_not_parse_is_a_400_naming_the_line()
    {
        using var client = silo.Api();

        using var response = await client.PostAsync("/api/sweeps", Gateway.Yaml("name: x\nseed: 1\nmodel: [\n"));

        var problem = await Gateway.ProblemAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.True(error.GetProperty("line").GetInt32() > 0);
        Assert.Contains("YAML", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yaml_the_parser_chokes_on_is_still_a_400()
    {
        using var client = silo.Api();

        // YamlDotNet's scanner throws InvalidOperationException here rather than a YamlException.
        using var response = await client.PostAsync("/api/sweeps", Gateway.Yaml("name: x\nseed: [1, 2\nmodel: {"));

        var problem = await Gateway.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("YAML", Assert.Single(problem.GetProperty("errors").EnumerateArray()).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[", "")]
    [InlineData("{a: ", "")]
    [InlineData("- ", "x")]
    public async Task Deeply_nested_documents_are_a_400_not_a_crash(string level, string tail)
    {
        using var client = silo.Api();
        var yaml = string.Concat(Enumerable.Repeat(level, 40_000)) + tail;

        using var response = await client.PostAsync("/api/sweeps", Gateway.Yaml(yaml));

        var problem = await Gateway.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("nests deeper", problem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spec_with_mistakes_is_a_400_listing_each_with_line_and_path()
    {
        using var client = silo.Api();

        using var response = await client.PostAsync("/api/sweeps", Gateway.Yaml(Specs.TwoErrors));

        var problem = await Gateway.ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (Line: e.GetProperty("line").GetInt32(), Path: e.GetProperty("path").GetString(), Message: e.GetProperty("message").GetString()))
            .ToList();
        Assert.Contains(errors, e => e.Line == 7 && e.Path == "batchSise");
        Assert.Contains(errors, e => e.Line == 8 && e.Path == "rangeTest.steps");
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.Message)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("just a string")]
    [InlineData("- a\n- list")]
    [InlineData("---\nname: a\n---\nname: b")]
    [InlineData("name: &a [*a]")]
    public async Task Documents_that_are_not_a_spec_are_a_400(string yaml)
    {
        using var client = silo.Api();

        using var response = await client.PostAsync("/api/sweeps", Gateway.Yaml(yaml));

        var problem = await Gateway.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413()
    {
        using var client = silo.Api();
        var huge = "name: big\n# " + new string('x', 300 * 1024) + "\n";

        using var declared = await client.PostAsync("/api/sweeps", Gateway.Yaml(huge));
        await Gateway.ProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge);

        // Without a Content-Length the limit is counted while reading.
        var chunked = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(huge)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("text/yaml");
        using var streamed = await client.PostAsync("/api/sweeps", chunked);
        await Gateway.ProblemAsync(streamed, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_spec_in_another_charset_is_a_415()
    {
        using var client = silo.Api();

        using var latin1 = await client.PostAsync("/api/sweeps", new StringContent(Specs.Analytic, Encoding.Latin1, "text/yaml"));
        await Gateway.ProblemAsync(latin1, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_a_400()
    {
        using var client = silo.Api();
        var content = new ByteArrayContent([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0xfe, 0xc3]);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/yaml");

        using var response = await client.PostAsync("/api/sweeps", content);

        await Gateway.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("GET", "/api/sweeps/nope-20990101000000-abcdef")]
    [InlineData("GET", "/api/sweeps/nope-20990101000000-abcdef/decision")]
    [InlineData("GET", "/api/sweeps/nope-20990101000000-abcdef/results")]
    [InlineData("GET", "/api/sweeps/nope-20990101000000-abcdef/events")]
    [InlineData("GET", "/api/sweeps/nope-20990101000000-abcdef/trials/rt-base-r0/points")]
    [InlineData("GET", "/api/sweeps/nope-20990101000000-abcdef/trials/clr-fixed/epochs")]
    [InlineData("POST", "/api/sweeps/nope-20990101000000-abcdef/cancel")]
    [InlineData("GET", "/api/nothing-here")]
    public async Task Unknown_ids_and_routes_are_a_404_problem(string method, string path)
    {
        using var client = silo.Api();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await Gateway.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_trial_of_a_known_sweep_is_a_404()
    {
        using var client = silo.Api();
        var id = await client.SubmitAsync(Specs.Analytic);

        using var response = await client.GetAsync($"/api/sweeps/{id}/trials/rt-nobody-r9/points");

        await Gateway.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cancelling_a_finished_sweep_is_a_409()
    {
        using var client = silo.Api();
        var id = await client.SubmitAsync(Specs.Analytic);
        await client.WaitFinalAsync(id);

        using var response = await client.PostAsync($"/api/sweeps/{id}/cancel", null);

        var problem = await Gateway.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("completed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("completed", (await client.GetJsonAsync($"/api/sweeps/{id}")).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("/api/sweeps/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/sweeps/a%01b")]
    [InlineData("/api/sweeps/%E2%98%83")]
    [InlineData("/api/sweeps/'%20OR%201=1%20--")]
    [InlineData("/api/sweeps/-leading-dash")]
    [InlineData("/api/sweeps/%25%25%25")]
    [InlineData("/api/sweeps/x/trials/a%01b/points")]
    [InlineData("/api/sweeps/x/trials/%2F%2F/epochs")]
    [InlineData("/api/sweeps/x/trials/..%5C..%5Cwin/points")]
    [InlineData("/api/sweeps?limit=abc")]
    [InlineData("/api/sweeps?limit=0")]
    [InlineData("/api/sweeps?limit=-5")]
    [InlineData("/api/sweeps?limit=99999999999999999999")]
    public async Task Garbage_in_ids_and_queries_is_a_400_or_404_never_a_500(string path)
    {
        using var client = silo.Api();

        using var response = await client.GetAsync(path);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.NotFound });
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_overlong_id_is_a_400()
    {
        using var client = silo.Api();

        using var response = await client.GetAsync("/api/sweeps/" + new string('a', 500));

        await Gateway.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        using var client = silo.Api();

        using var response = await client.DeleteAsync("/api/sweeps");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
