using System.Diagnostics;
using System.Runtime.CompilerServices;
using Xunit.Abstractions;

namespace LrCluster.Cluster.Tests.Processes;

/// <summary>
/// What it simulates: the cluster's database going away mid-sweep, as in a PostgreSQL restart or failover. Two real
/// <c>lrc-silo</c> processes train a digits sweep on the <c>scripts/postgres</c> server; the test stops the server
/// (<c>scripts/postgres stop</c>) for about 3 s and starts it again. The silos must ride it out (their store calls
/// retry, their loops back off) rather than exit, and the sweep must complete with every trial's points at steps
/// 0..N-1 exactly once and the same losses as an uninterrupted run. The server is started again whatever happens,
/// since other test suites share it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresRestartTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lrc-cluster-pg-").FullName;

    [PostgresFact]
    public async Task A_sweep_survives_a_postgres_restart_in_its_middle_with_continuous_points()
    {
        Assert.True(ScriptUrl() == PostgresEnvironment.RequireUrl(),
            $"{PostgresEnvironment.Variable} must name the scripts/postgres server, which this test stops and starts");
        using var schema = new PostgresSchema();
        using var a = SiloProcess.Start(_dir, schema.Url, "pg-a");
        using var b = SiloProcess.Start(_dir, schema.Url, "pg-b");
        await Task.WhenAll(a.WaitReadyAsync(), b.WaitReadyAsync());
        var id = await a.Client.SubmitAsync(ProcessSpecs.Digits);
        var before = await a.Client.WaitAsync(id, s => s.IsFinal()
                ? throw new InvalidOperationException($"the sweep ended before the restart: {s}")
                : s.Trials().Any(t => t.Status() == "running" && t.Step() > 40 && t.Step() <= 200) ? s : (System.Text.Json.JsonElement?)null,
            TimeSpan.FromSeconds(60), "a trial past its second checkpoint");

        var clock = Stopwatch.StartNew();
        TimeSpan down;
        try
        {
            Script("stop");
            down = clock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            Script();
        }

        var up = clock.Elapsed;
        var sweep = await a.Client.WaitFinalAsync(id, TimeSpan.FromSeconds(90));
        output.WriteLine($"stopped postgres in {down.TotalMilliseconds:F0} ms at [{string.Join(", ", before.Trials().Select(t => $"{t.GetProperty("id").GetString()} step {t.Step()} on {t.Owner()}#{t.Epoch()}"))}]; "
            + $"up again after {up.TotalMilliseconds:F0} ms; sweep {sweep.State()} {clock.Elapsed.TotalMilliseconds:F0} ms after the stop; "
            + $"trials ended [{string.Join(", ", sweep.Trials().Select(t => $"{t.GetProperty("id").GetString()} on {t.Owner()}#{t.Epoch()}"))}]");

        Assert.False(a.HasExited, $"pg-a exited during the outage\n{a.Output}");
        Assert.False(b.HasExited, $"pg-b exited during the outage\n{b.Output}");
        Assert.True(sweep.State() == "completed", $"sweep ended {sweep}\n{a.Output}");
        var reference = await b.Client.SubmitAsync(ProcessSpecs.Digits);
        var referenceSweep = await b.Client.WaitFinalAsync(reference, TimeSpan.FromSeconds(60));
        Assert.Equal("completed", referenceSweep.State());
        foreach (var trial in sweep.Trials())
        {
            var trialId = trial.GetProperty("id").GetString()!;
            // Completed, or diverged (a non-finite loss near lr 10 ends a range test normally), as in the uninterrupted run.
            Assert.Equal(referenceSweep.Trial(trialId).Status(), trial.Status());
            var points = await a.Client.PointsAsync(id, trialId);
            Curves.AssertContinuous(points.Select(p => p.Step).ToList(), trialId);
            var expected = await b.Client.PointsAsync(reference, trialId);
            Curves.AssertSameBits(expected.Select(p => p.Loss).ToList(), points.Select(p => p.Loss).ToList(), $"{trialId} loss");
        }
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

    private static string ScriptPath([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "scripts", "postgres"));

    private static string ScriptUrl() => Script().Trim();

    /// <summary>Runs scripts/postgres (start, or reuse, and print the URL) or <c>scripts/postgres stop</c>.</summary>
    private static string Script(params string[] args)
    {
        var start = new ProcessStartInfo(ScriptPath()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // The server of LRC_TEST_POSTGRES's port, never the script's default one: engineers and CI jobs sharing a machine
        // each run their own server, and this test must not stop (or start) someone else's.
        start.Environment["LRC_PG_PORT"] = new Npgsql.NpgsqlConnectionStringBuilder(
            LrCluster.Grains.Store.Postgres.PostgresUrl.ToConnectionString(PostgresEnvironment.RequireUrl())).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var script = Process.Start(start) ?? throw new InvalidOperationException("could not run scripts/postgres");
        var stdout = script.StandardOutput.ReadToEndAsync();
        var stderr = script.StandardError.ReadToEndAsync();
        if (!script.WaitForExit(120_000))
        {
            script.Kill();
            throw new TimeoutException("scripts/postgres did not finish within 2 minutes");
        }

        if (script.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/postgres {string.Join(' ', args)} exited {script.ExitCode}: {stderr.Result}");
        }

        return stdout.Result;
    }
}
