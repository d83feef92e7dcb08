using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace LrCluster.Silo.Tests;

/// <summary>
/// The cluster verbs of <c>lrc</c> against a real silo process: submit and watch, list, show, report,
/// cancel, and the token. One silo, real libtorch training on a tiny digits spec.
/// </summary>
public sealed class ClusterCliTests : IDisposable
{
    private const string Token = "cli-token-93d1";
    private readonly string _dir = Directory.CreateTempSubdirectory("lrc-cluster-cli-").FullName;

    [Fact]
    public async Task Submit_watch_list_show_and_report_work_against_a_silo_and_report_matches_run()
    {
        var port = SiloProcess.FreePort();
        using var silo = SiloProcess.Start(_dir, "--store", $"sqlite:{Path.Combine(_dir, "lrc.db")}", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--slots", "1", "--token", Token, "--name", "cli-silo");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        await SiloProcessTests.WaitReadyAsync(http, silo);
        var spec = Path.Combine(_dir, "tiny.yaml");
        await File.WriteAllTextAsync(spec, Specs.TinyDigits);
        var env = new Dictionary<string, string> { ["LRC_CLUSTER"] = $"http://127.0.0.1:{port}", ["LRC_TOKEN"] = Token };

        var submit = await LrcCli.RunAsync(_dir, env, "submit", spec, "--watch", "--format", "json");
        var sweep = JsonDocument.Parse(submit.Stdout).RootElement;
        var id = sweep.GetProperty("id").GetString()!;
        var list = await LrcCli.RunAsync(_dir, env, "list", "--format", "json");
        var show = await LrcCli.RunAsync(_dir, env, "show", id, "--format", "json");
        var report = await LrcCli.RunAsync(_dir, env, "report", id, "--out", Path.Combine(_dir, "report"), "--format", "json");
        var cancelFinished = await LrcCli.RunAsync(_dir, env, "cancel", id);

        Assert.True(submit.Exit == 0, $"submit: {submit.Stderr}\n{silo.Output}");
        Assert.Equal("completed", sweep.GetProperty("state").GetString());
        Assert.Equal(0, list.Exit);
        Assert.Contains(JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray(), s => s.GetProperty("id").GetString() == id);
        Assert.Equal(0, show.Exit);
        Assert.Equal(id, JsonDocument.Parse(show.Stdout).RootElement.GetProperty("id").GetString());
        Assert.True(report.Exit == 0, $"report: {report.Stderr}");
        var json = JsonDocument.Parse(report.Stdout).RootElement;
        Assert.Equal("completed", json.GetProperty("state").GetString());
        Assert.Equal("base", json.GetProperty("chosenCandidate").GetString());
        foreach (var file in new[] { "report.html", "report.json", "curve.csv", "lr_loss.svg", "lr_loss.png", "schedule.svg", "trials/rt-base-r0.csv", "trials/clr-triangular.epochs.csv",
            "trials/clr-triangular.evaluations.csv" })
        {
            Assert.True(File.Exists(Path.Combine(_dir, "report", file)), $"missing {file}");
        }

        var points = await File.ReadAllLinesAsync(Path.Combine(_dir, "report", "trials", "rt-base-r0.csv"));
        Assert.Equal("step,lr,loss,smoothed", points[0]);
        Assert.Equal(Enumerable.Range(0, points.Length - 1).Select(i => i.ToString(CultureInfo.InvariantCulture)), points.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(2, cancelFinished.Exit);
        Assert.Contains("409", cancelFinished.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_or_missing_token_is_refused_and_a_bad_cluster_url_is_invalid_input()
    {
        var port = SiloProcess.FreePort();
        using var silo = SiloProcess.Start(_dir, "--store", $"sqlite:{Path.Combine(_dir, "lrc.db")}", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--slots", "1", "--token", Token, "--name", "auth-silo");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await SiloProcessTests.WaitReadyAsync(http, silo);
        var cluster = $"http://127.0.0.1:{port}";

        var wrong = await LrcCli.RunAsync(_dir, new Dictionary<string, string>(), "list", "--cluster", cluster, "--token", "nope");
        var missing = await LrcCli.RunAsync(_dir, new Dictionary<string, string>(), "list", "--cluster", cluster);
        var badUrl = await LrcCli.RunAsync(_dir, new Dictionary<string, string>(), "list", "--cluster", "ftp://x");
        var unreachable = await LrcCli.RunAsync(_dir, new Dictionary<string, string>(), "list", "--cluster", $"http://127.0.0.1:{SiloProcess.FreePort()}");

        Assert.Equal(2, wrong.Exit);
        Assert.Contains("401", wrong.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, missing.Exit);
        Assert.Equal(2, badUrl.Exit);
        Assert.Contains("--cluster", badUrl.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, unreachable.Exit);
        Assert.Contains("cannot reach", unreachable.Stderr, StringComparison.Ordinal);
        Assert.All(new[] { wrong, missing, badUrl, unreachable }, r => Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
