using System.Net;
using System.Text.Json;

namespace LrCluster.Silo.Tests;

/// <summary>
/// Files named by a spec submitted through the gateway: the silo under test has one data root; /etc/shadow (readable:
/// the tests may run as root) is refused with a 400 that names the field and the root, and nothing of the file shows.
/// </summary>
public sealed class FileAccessTests(DataRootSiloFactory silo) : IClassFixture<DataRootSiloFactory>
{
    [Fact]
    public async Task Etc_shadow_is_a_400_naming_the_field_and_the_roots_with_no_file_content_and_no_sweep()
    {
        using var client = silo.Api();

        using var response = await client.PostAsync("/api/sweeps", Gateway.Yaml(Spec("/etc/shadow", "root")));

        var body = await response.Content.ReadAsStringAsync();
        var problem = await Gateway.ProblemAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("data.csv", error.GetProperty("path").GetString());
        Assert.Equal($"'/etc/shadow' is outside the data roots; allowed: files under {silo.Root}", error.GetProperty("message").GetString());
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
        var sweeps = await client.GetJsonAsync("/api/sweeps?limit=1000");
        Assert.DoesNotContain(sweeps.EnumerateArray(), s => s.GetProperty("name").GetString() == "files");
    }

    [Theory]
    [InlineData("../../../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("/proc/self/environ")]
    public async Task Paths_out_of_the_root_are_a_400(string path)
    {
        using var client = silo.Api();

        using var response = await client.PostAsync("/api/sweeps", Gateway.Yaml(Spec(path, "y")));

        var problem = await Gateway.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("data.csv", Assert.Single(problem.GetProperty("errors").EnumerateArray()).GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_file_inside_the_root_is_accepted_by_its_relative_path()
    {
        using var client = silo.Api();

        var id = await client.SubmitAsync(Spec("table.csv", "y"));

        var sweep = await client.GetJsonAsync($"/api/sweeps/{id}");
        Assert.Equal(Path.Combine(silo.Root, "files.yaml"), sweep.GetProperty("specFile").GetString());
    }

    [Fact]
    public async Task A_silo_without_data_roots_refuses_file_sources()
    {
        using var plain = new SiloFactory();
        using var client = plain.Api();

        using var response = await client.PostAsync("/api/sweeps", Gateway.Yaml(Spec("/etc/shadow", "root")));

        var problem = await Gateway.ProblemAsync(response, HttpStatusCode.BadRequest);
        var message = Assert.Single(problem.GetProperty("errors").EnumerateArray()).GetProperty("message").GetString();
        Assert.StartsWith("file sources are refused: this silo has no data roots", message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", JsonSerializer.Serialize(problem), StringComparison.Ordinal);
    }

    private static string Spec(string csv, string target) => $$"""
        name: files
        data: { csv: "{{csv}}", target: {{target}} }
        model: { mlp: { hidden: [4] } }
        loss: mse
        optimizer: { name: sgd }
        batchSize: 4
        rangeTest: { steps: 10, repeats: 1 }
        """;
}
