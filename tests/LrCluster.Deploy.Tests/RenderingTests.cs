namespace LrCluster.Deploy.Tests;

public sealed class RenderingTests
{
    public static TheoryData<string> Paths => new() { "base", "overlays/gpu", "overlays/dev" };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_rendered_object_validates_against_the_schema_of_its_kind(string path)
    {
        var rendered = Rendered.Of(path);

        var (exitCode, report) = SchemaValidator.Validate(rendered.Yaml);

        var failures = report["results"]!.AsArray()
            .Where(r => !(bool)r!["ok"]!)
            .Select(r => $"{r!["kind"]} {r["name"]}: {string.Join("; ", r["errors"]!.AsArray().Select(e => (string?)e))}")
            .ToList();
        Assert.True(failures.Count == 0, $"deploy/k8s/{path}:\n{string.Join('\n', failures)}");
        Assert.Equal(0, exitCode);
        Assert.Equal(rendered.Objects.Count, (int)report["objects"]!);
    }

    [Fact]
    public void The_validator_rejects_a_broken_object_and_an_unknown_kind()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: broken}
            spec: {replicas: "two"}
            ---
            apiVersion: example.com/v1
            kind: Unknown
            metadata: {name: other}
            """;

        var (exitCode, report) = SchemaValidator.Validate(yaml);

        Assert.Equal(1, exitCode);
        var results = report["results"]!.AsArray();
        Assert.All(results, r => Assert.False((bool)r!["ok"]!));
        Assert.Contains(results[0]!["errors"]!.AsArray(), e => ((string?)e)!.Contains("/spec/replicas", StringComparison.Ordinal));
        Assert.Contains(results[1]!["errors"]!.AsArray(), e => ((string?)e)!.StartsWith("no schema", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_object_of_an_overlay_lands_in_its_namespace(string path)
    {
        var expected = path switch { "overlays/gpu" => "lrc", "overlays/dev" => "lrc-dev", _ => null };
        var rendered = Rendered.Of(path);

        foreach (var o in rendered.Objects.Where(o => (string?)o["kind"] != "Namespace"))
        {
            Assert.Equal(expected, (string?)o["metadata"]!["namespace"]);
        }

        if (expected is not null)
        {
            rendered.Single("Namespace", expected);
        }
    }
}
