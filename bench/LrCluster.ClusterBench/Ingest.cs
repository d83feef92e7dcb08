using LrCluster.Core.Sweeps;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Store;
using LrCluster.Grains.Store.Postgres;
using static Stats;

namespace LrCluster.ClusterBench;

/// <summary>
/// Loss points through <see cref="PostgresSweepStore.WritePoints"/>, the fenced batched write a trial's sink makes:
/// each writer claims its own trial (writes are fenced by the lease epoch) and writes its share of the points in
/// batches of contiguous, increasing steps. Writers share one store (one connection pool), as the slots of a silo do.
/// </summary>
internal static class Ingest
{
    public static int Run(string url, Args args)
    {
        var total = args.Int("points", 200_000);
        var batches = args.Ints("batches", [256, 1000, 10_000]);
        var writers = args.Int("writers", 1);
        using var store = new PostgresSweepStore(url);
        store.Migrate();
        Db.Wipe(url);

        // The coordinator's enqueue, alone: one EnqueueTrial call per trial, sequential, as StoreDispatcher makes them.
        var enqueueTrials = args.Int("enqueue-trials", 1000);
        if (enqueueTrials > 0)
        {
            var at = DateTimeOffset.UtcNow;
            var sweepId = SweepRecord.NewId("cbench-enqueue", at);
            store.CreateSweep(new SweepRecord(sweepId, "cbench-enqueue", "name: cbench-enqueue\n", "cbench-enqueue.yaml", SweepState.Cancelled, at, at, null, null, null));
            var def = new string('x', 300);
            for (var i = 0; i < 50; i++)
            {
                store.EnqueueTrial(new TrialRecord(sweepId, $"warm{i}", TrialPhase.RangeTest, def, TrialStatus.Pending, 0, 5, double.NaN, double.NaN, null));
            }

            var load0 = Load();
            var clock0 = Db.Time();
            for (var i = 0; i < enqueueTrials; i++)
            {
                store.EnqueueTrial(new TrialRecord(sweepId, $"t{i}", TrialPhase.RangeTest, def, TrialStatus.Pending, 0, 5, double.NaN, double.NaN, null));
            }

            var secs = clock0.Elapsed.TotalSeconds;
            Console.Out.WriteLine($"cbench enqueue trials={enqueueTrials} wall_s={F(secs, 3)} enqueues_per_s={F(enqueueTrials / secs, 0)} "
                + $"per_trial_ms={F(secs * 1000 / enqueueTrials, 2)} load1_before={load0} load1_after={Load()}");
            Console.Out.Flush();
        }

        // Warm-up (JIT, pool, plans): 20 batches of 256 on a trial of its own, not reported.
        Measure(store, "warmup", 256, 20 * 256, 1);
        foreach (var batch in batches)
        {
            var load = Load();
            var (wall, latencies) = Measure(store, $"b{batch}-w{writers}", batch, total, writers);
            Console.Out.WriteLine($"cbench ingest batch={batch} writers={writers} points={total} wall_s={F(wall, 3)} points_per_s={F(total / wall, 0)} "
                + $"batch_p50_ms={F(Percentile(latencies, 50), 2)} batch_p99_ms={F(Percentile(latencies, 99), 2)} load1_before={load} load1_after={Load()}");
            Console.Out.Flush();
        }

        return 0;
    }

    private static (double WallSeconds, List<double> BatchMs) Measure(PostgresSweepStore store, string label, int batch, int total, int writers)
    {
        var now = DateTimeOffset.UtcNow;
        var sweepId = SweepRecord.NewId("cbench-ingest-" + label, now);
        store.CreateSweep(new SweepRecord(sweepId, "cbench-ingest", "name: cbench-ingest\n", "cbench-ingest.yaml", SweepState.Pending, now, now, null, null, null));
        for (var w = 0; w < writers; w++)
        {
            store.EnqueueTrial(new TrialRecord(sweepId, $"w{w}", TrialPhase.RangeTest, "{}", TrialStatus.Pending, 0, total, double.NaN, double.NaN, null));
        }

        var refs = store.ClaimTrials(new SiloRef("cbench-ingest", "127.0.0.1:1@1", SweepRecord.DefaultCluster), writers)
            .Where(l => l.Ref.SweepId == sweepId).Select(l => l.Ref).ToList();
        if (refs.Count != writers)
        {
            throw new InvalidOperationException($"claimed {refs.Count} of {writers} ingest trials");
        }

        // Points are built before the clock starts: only the writes are timed.
        var share = total / writers;
        var work = refs.Select((r, w) =>
        {
            var points = new List<IReadOnlyList<LossPoint>>();
            for (var start = 0; start < share; start += batch)
            {
                var n = Math.Min(batch, share - start);
                points.Add(Enumerable.Range(start, n).Select(s => new LossPoint(s, 1e-4 * Math.Pow(1.0001, s), 2.3 - (1e-6 * s), 2.3 - (1e-6 * s), 0.9)).ToList());
            }

            return (Ref: r, Batches: points);
        }).ToList();

        var latencies = new List<double>[writers];
        var clock = Db.Time();
        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, w =>
        {
            var mine = new List<double>(work[w].Batches.Count);
            foreach (var b in work[w].Batches)
            {
                var t = System.Diagnostics.Stopwatch.GetTimestamp();
                store.WritePoints(work[w].Ref, b);
                mine.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }

            latencies[w] = mine;
        });
        var wall = clock.Elapsed.TotalSeconds;
        return (wall, latencies.SelectMany(l => l).ToList());
    }
}
