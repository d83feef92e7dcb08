using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using LrCluster.Grains;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Hosting;
using LrCluster.Grains.Store;
using LrCluster.Grains.Store.Postgres;
using LrCluster.Training.Runners;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Hosting;

namespace LrCluster.ClusterBench;

/// <summary>
/// The orchestration benchmark on Orleans: <c>--silos</c> real Orleans silos in this process (each its own host, its own
/// ports and its own store instance), clustered through our PostgreSQL membership table, each with <c>--slots</c> slots
/// and the analytic trainer. A range-test sweep of candidates x repeats trials of <c>--steps</c> steps goes in through its
/// coordinator grain, as the gateway submits it; trials/s is trials / (submit -> Completed).
/// </summary>
internal static class Orchestration
{
    public static async Task<int> RunAsync(string url, Args options)
    {
        var silos = options.Int("silos", 4);
        var slots = options.Int("slots", 4);
        var candidates = options.Int("candidates", 10);
        var repeats = options.Int("repeats", 100);
        var steps = options.Int("steps", 5);
        var rounds = options.Int("rounds", 3);
        var warmup = options.Int("warmup", 2);
        using (var migrate = new PostgresSweepStore(url))
        {
            migrate.Migrate();
        }

        Wipe(url);
        var storeCalls = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var probe = new CostProbe(storeCalls, options.Get("pg-data", DefaultPgData(url)));
        var finals = new ConcurrentDictionary<string, (SweepState State, long At)>(StringComparer.Ordinal);
        var deciding = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        CountingStore.SweepStateWritten += (id, state) =>
        {
            var at = Stopwatch.GetTimestamp();
            if (state == SweepState.Deciding)
            {
                deciding.TryAdd(id, at);
            }
            else if (state is SweepState.Completed or SweepState.Failed or SweepState.Cancelled)
            {
                finals.TryAdd(id, (state, at));
            }
        };
        var hosts = new List<IHost>();
        for (var i = 0; i < silos; i++)
        {
            hosts.Add(await StartSiloAsync(url, $"cbench-silo-{i}", slots, storeCalls));
        }

        var grains = hosts[0].Services.GetRequiredService<IGrainFactory>();
        using var reader = new PostgresSweepStore(url);
        var trials = candidates * repeats;
        for (var round = 0; round < warmup + rounds; round++)
        {
            var id = SweepRecord.NewId("cbench", DateTimeOffset.UtcNow);
            var load = Load();
            var before = probe.Take();
            await grains.GetGrain<ISweepGrain>(id).Submit(new SweepSubmission(id, "cbench", Spec(candidates, repeats, steps), "cbench.yaml"));
            // The coordinator's final state write is the clock (CountingStore raises it as it returns); the store is asked
            // only once a second, in case that write came from outside the counted stores.
            var polls = 0;
            while (!finals.ContainsKey(id) && !(++polls % 200 == 0 && reader.GetSweep(id) is { IsFinal: true }))
            {
                await Task.Delay(5);
            }

            var after = probe.Take();
            var end = finals.TryGetValue(id, out var final) ? final.At : after.Timestamp;
            var seconds = Stopwatch.GetElapsedTime(before.Timestamp, end).TotalSeconds;
            var rtSeconds = deciding.TryGetValue(id, out var decidingAt) ? Stopwatch.GetElapsedTime(before.Timestamp, decidingAt).TotalSeconds : double.NaN;
            var state = reader.GetSweep(id)!.State;
            var label = round < warmup ? (round == 0 ? "warmup-cold" : "warmup") : (round - warmup + 1).ToString(CultureInfo.InvariantCulture);
            Console.WriteLine(FormattableString.Invariant(
                $"cbench orchestration round={label} runtime=orleans silos={silos} slots={slots} trials={trials} steps={steps} state={state} seconds={seconds:F3} trials_per_s={trials / seconds:F1} rt_trials_per_s={trials / rtSeconds:F1} load1_before={load:F2} load1_after={Load():F2} ")
                + CostProbe.Per(before, after, trials));
        }

        foreach (var host in hosts)
        {
            var stop = Stopwatch.StartNew();
            await host.StopAsync();
            Console.Error.WriteLine($"cbench: stopped a silo in {stop.ElapsedMilliseconds} ms");
            host.Dispose();
        }

        return 0;
    }

    /// <summary>The data folder <c>scripts/postgres</c> gives a server on the URL's port (for its CPU time).</summary>
    private static string DefaultPgData(string url) =>
        $"/tmp/lrc-postgres-{new NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString(url)).Port}/data";

    private static async Task<IHost> StartSiloAsync(string url, string name, int slots, ConcurrentDictionary<string, long> storeCalls)
    {
        var postgres = new PostgresSweepStore(url);
        postgres.Migrate();
        var store = CountingStore.Wrap(postgres, storeCalls);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ITrainerFactory>(new AnalyticTrainerFactory());
        builder.UseOrleans(silo =>
        {
            silo.UseLrcClustering(url, new OrleansSettings
            {
                SiloPort = LrcSiloBuilderExtensions.Free(0),
                GatewayPort = LrcSiloBuilderExtensions.Free(0),
                AdvertisedAddress = System.Net.IPAddress.Loopback,
                ClusterId = "cbench",
                ServiceId = "cbench",
            });
            silo.AddLrcGrains(new ClusterOptions { Name = name, ClusterId = "cbench", Slots = slots, CheckpointEvery = 200 }, store);
        });
        var host = builder.Build();
        var clock = Stopwatch.StartNew();
        await host.StartAsync();
        Console.Error.WriteLine($"cbench: {name} started in {clock.ElapsedMilliseconds} ms");
        return host;
    }

    private static string Spec(int candidates, int repeats, int steps)
    {
        var extra = string.Join(", ", Enumerable.Range(1, candidates - 1).Select(i => "{ name: b" + (16 + i) + ", batchSize: " + (16 + i) + " }"));
        return "name: cbench\nseed: 1\ndata: { builtin: digits }\nmodel: { mlp: { hidden: [4] } }\nloss: mse\noptimizer: { name: sgd }\nbatchSize: 16\n"
            + "rangeTest: { start: 1.0e-3, end: 0.1, steps: " + steps + ", repeats: " + repeats + ", divergence: 0, candidates: [ " + extra + " ] }\n";
    }

    private static void Wipe(string url)
    {
        using var c = new NpgsqlConnection(PostgresUrl.ToConnectionString(url));
        c.Open();
        using var cmd = new NpgsqlCommand(
            "DO $$ BEGIN IF to_regclass('membership') IS NOT NULL THEN TRUNCATE loss_points, epoch_points, checkpoints, trials, sweeps, membership, membership_versions; END IF; END $$", c);
        cmd.ExecuteNonQuery();
    }

    private static double Load() => double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
