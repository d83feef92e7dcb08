using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace LrCluster.Deploy.Tests;

/// <summary><c>kubectl kustomize</c> output of deploy/k8s/&lt;path&gt;, rendered once per test run.</summary>
public sealed class Rendered(string path, string yaml, IReadOnlyList<JsonObject> objects)
{
    private static readonly ConcurrentDictionary<string, Lazy<Rendered>> Cache = new();

    public string Path { get; } = path;
    public string Yaml { get; } = yaml;
    public IReadOnlyList<JsonObject> Objects { get; } = objects;

    /// <summary>base, overlays/gpu or overlays/dev.</summary>
    public static Rendered Of(string path) => Cache.GetOrAdd(path, p => new Lazy<Rendered>(() => Render(p))).Value;

    private static Rendered Render(string path)
    {
        var result = Repo.Run("kubectl", ["kustomize", Repo.Deploy("k8s", path)], Repo.Root);
        Assert.True(result.ExitCode == 0, $"kubectl kustomize deploy/k8s/{path} failed:\n{result.Stderr}");
        return new Rendered(path, result.Stdout, LrCluster.Deploy.Tests.Yaml.LoadAll(result.Stdout));
    }

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject Single(string kind, string name) =>
        Assert.Single(OfKind(kind), o => Name(o) == name);

    public JsonObject? Find(string kind, string name) => OfKind(kind).SingleOrDefault(o => Name(o) == name);

    /// <summary>A generated ConfigMap or Secret: kustomize appends a hash to the name.</summary>
    public JsonObject Generated(string kind, string name) =>
        Assert.Single(OfKind(kind), o => Name(o) == name || Name(o).StartsWith(name + "-", StringComparison.Ordinal) && Name(o).Length == name.Length + 11);

    public static string Name(JsonNode? o) => (string?)o?["metadata"]?["name"] ?? "";

    public JsonObject Silo => Single("Deployment", "lrc-silo");

    public JsonObject SiloPod => (JsonObject)Silo["spec"]!["template"]!["spec"]!;

    public JsonObject SiloContainer => (JsonObject)Assert.Single(SiloPod["containers"]!.AsArray(), c => (string?)c!["name"] == "silo")!;

    public JsonObject SiloConfig
    {
        get
        {
            var name = (string?)SiloContainer["envFrom"]![0]!["configMapRef"]!["name"];
            return (JsonObject)Single("ConfigMap", name!)["data"]!;
        }
    }

    public JsonObject Env(string name) =>
        (JsonObject)Assert.Single(SiloContainer["env"]!.AsArray(), e => (string?)e!["name"] == name)!;
}

/// <summary>deploy/validate/validate.mjs: the Kubernetes and Prometheus operator schemas (npm kubernetes-models).</summary>
public static class SchemaValidator
{
    private static readonly Lazy<string> Folder = new(Prepare);

    public static (int ExitCode, JsonObject Report) Validate(string yaml)
    {
        var result = Repo.Run("node", ["validate.mjs"], Folder.Value, stdin: yaml);
        Assert.True(result.Stdout.TrimStart().StartsWith('{'), $"validate.mjs printed no report (exit {result.ExitCode}):\n{result.Stdout}\n{result.Stderr}");
        return (result.ExitCode, JsonNode.Parse(result.Stdout)!.AsObject());
    }

    /// <summary>Installs the locked packages once when node_modules is missing (CI has network to npm).</summary>
    private static string Prepare()
    {
        var folder = Repo.Deploy("validate");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "kubernetes-models")))
        {
            var ci = Repo.Run("npm", ["ci", "--no-audit", "--no-fund"], folder, timeoutSeconds: 600);
            Assert.True(ci.ExitCode == 0, $"npm ci in deploy/validate failed:\n{ci.Stderr}");
        }

        return folder;
    }
}
