using System.Text;
using LrCluster.Core.Spec;
using LrCluster.Grains;
using LrCluster.Grains.Silos;
using LrCluster.Grains.Store;
using LrCluster.Grains.Store.Postgres;
using LrCluster.Grains.Sweeps;
using LrCluster.Training.Runners;
using static Stats;

namespace LrCluster.ClusterBench;

/// <summary>
/// N silos (ClusterNodes, each over its own PostgresSweepStore = its own connection pool) in one process, the
/// analytic trainer, one sweep of candidates x repeats short range-test trials and no cyclical phase, created
/// the way `lrc run` and the gateway create it. Round 0 is a warm-up (JIT, pools) and is reported but marked.
/// </summary>
internal static class Orchestration
{
    public static async Task<int> RunAsync(string url, Args args)
    {
        var silos = args.Int("silos", 4);
        var slots = args.Int("slots", 4);
        var pollMs = args.Int("poll-ms", (int)new ClusterOptions().PollInterval.TotalMilliseconds);
        var candidates = args.Int("candidates", 10);
        var repeats = args.Int("repeats", 100);
        var steps = args.Int("steps", 5);
        var rounds = args.Int("rounds", 3);
        // A silo is a long-running process: the measured rounds should see its steady state, not the JIT's tier-up
        // of Npgsql and the store path (about 11,000 compilations, seconds of CPU on a 2-core VM). The warm-up rounds
        // are printed too, the first marked cold: the first sweep of a fresh process is on record as well.
        var warmup = Math.Max(1, args.Int("warmup", 2));
        var preenqueue = args.Int("preenqueue", 0) != 0;
        var yaml = Spec(candidates, repeats, steps);
        var spec = SpecReader.Read(yaml, "cbench.yaml");
        var trials = candidates * repeats;

        using (var admin = new PostgresSweepStore(url))
        {
            admin.Migrate();
        }

        Db.Wipe(url, silos: true);
        var recorder = new Recorder();
        var stores = Enumerable.Range(0, silos).Select(i => new TimingStore(new PostgresSweepStore(url), $"cbench-silo-{i}", recorder)).ToList();
        using var stop = new CancellationTokenSource();
        var nodes = stores.Select((store, i) =>
        {
            var name = $"cbench-silo-{i}";
            var options = new ClusterOptions { Name = name, Slots = slots, PollInterval = TimeSpan.FromMilliseconds(pollMs) };
            return new ClusterNode(store, new AnalyticTrainerFactory(), options, p => recorder.Progress(name, p), e =>
            {
                Interlocked.Increment(ref recorder.Errors);
                Console.Error.WriteLine($"cbench: silo {name}: {e.GetType().Name}: {e.Message}");
            }).RunAsync(stop.Token);
        }).ToList();

        var failed = false;
        for (var round = 1 - warmup; round <= rounds; round++)
        {
            if (round > 1 - warmup)
            {
                // Every measured round starts from empty trial and point tables (the silo rows stay: the silos are live).
                Db.Wipe(url, silos: false);
            }

            var loadBefore = Load();
            var t0 = recorder.Now;
            var now = DateTimeOffset.UtcNow;
            var id = SweepRecord.NewId(spec.Name, now);
            if (preenqueue)
            {
                // Diagnostic: the sweep row and all its trial rows in one transaction, so every trial is claimable at
                // once and the silos' drain rate is measured without the coordinator's one-by-one enqueue.
                PreEnqueue(url, id, spec, yaml, now);
                var claimable = recorder.Now;
                foreach (var t in SweepPlan.RangeTests(spec))
                {
                    recorder.EnqueuedAt.TryAdd((id, t.Id), claimable);
                }

                // A no-op (no lease has epoch -1) whose only effect is the store's wake-up NOTIFY.
                stores[0].ReleaseSweepLease(new SweepLease(id, -1));
            }
            else
            {
                stores[0].CreateSweep(new SweepRecord(id, spec.Name, yaml, spec.Name + ".yaml", SweepState.Pending, now, now, null, null, null));
            }

            var finished = recorder.Final(id);
            if (await Task.WhenAny(finished, Task.Delay(TimeSpan.FromMinutes(10))) != finished)
            {
                Console.Error.WriteLine($"cbench: sweep {id} did not finish within 10 minutes");
                failed = true;
                break;
            }

            var (state, error) = finished.Result;
            // Give the last trials' threads a moment to leave their slots before the next round.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(200, 3 * pollMs)));
            Console.Out.WriteLine(Report(recorder, id, t0, state, round, round == 1 - warmup, trials, silos, slots, pollMs, steps, loadBefore) + $" preenqueue={(preenqueue ? 1 : 0)}");
            Console.Out.Flush();
            if (state != SweepState.Completed)
            {
                Console.Error.WriteLine($"cbench: sweep {id} ended {state}: {error}");
                failed = true;
                break;
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(nodes);
        foreach (var store in stores)
        {
            store.Dispose();
        }

        return failed ? 1 : 0;
    }

    private static void PreEnqueue(string url, string id, SweepSpec spec, string yaml, DateTimeOffset now)
    {
        var defs = SweepPlan.RangeTests(spec);
        using var c = new Npgsql.NpgsqlConnection(PostgresUrl.ToConnectionString(url));
        c.Open();
        using var tx = c.BeginTransaction();
        using (var sweep = new Npgsql.NpgsqlCommand(
            "INSERT INTO sweeps (id, name, spec_yaml, spec_file, state, created_at, updated_at) VALUES (@id, @name, @yaml, @file, 'Pending', @at, @at)", c, tx))
        {
            sweep.Parameters.AddWithValue("id", id);
            sweep.Parameters.AddWithValue("name", spec.Name);
            sweep.Parameters.AddWithValue("yaml", yaml);
            sweep.Parameters.AddWithValue("file", spec.Name + ".yaml");
            sweep.Parameters.AddWithValue("at", now.UtcDateTime);
            sweep.ExecuteNonQuery();
        }

        using (var trials = new Npgsql.NpgsqlCommand(
            """
            INSERT INTO trials (sweep_id, id, phase, definition_json, status, step, total_steps, lr, smoothed, error, owner, lease_epoch, lease_expires_at)
            SELECT @s, u.id, 'RangeTest', u.def, 'Pending', 0, u.total, 'NaN', 'NaN', NULL, NULL, 0, NULL
            FROM unnest(@ids, @defs, @totals) AS u(id, def, total)
            """, c, tx))
        {
            trials.Parameters.AddWithValue("s", id);
            trials.Parameters.AddWithValue("ids", defs.Select(d => d.Id).ToArray());
            trials.Parameters.AddWithValue("defs", defs.Select(LrCluster.Grains.Trials.TrialGrain.Serialize).ToArray());
            trials.Parameters.AddWithValue("totals", defs.Select(d => LrCluster.Grains.Trials.TrialGrain.TotalSteps(spec, d)).ToArray());
            trials.ExecuteNonQuery();
        }

        tx.Commit();
    }

    /// <summary>A range test only: candidates (base + others differing in batch size) x repeats, a short exponential ladder, no divergence stop.</summary>
    public static string Spec(int candidates, int repeats, int steps)
    {
        var list = string.Join(", ", Enumerable.Range(1, candidates - 1).Select(i => $"{{ name: c{i}, batchSize: {16 + i} }}"));
        var sb = new StringBuilder();
        sb.AppendLine("name: cbench");
        sb.AppendLine("seed: 1");
        sb.AppendLine("data: { builtin: digits }");
        sb.AppendLine("model: { mlp: { hidden: [4] } }");
        sb.AppendLine("loss: mse");
        sb.AppendLine("optimizer: { name: sgd, momentum: 0.9 }");
        sb.AppendLine("batchSize: 16");
        sb.AppendLine($"rangeTest: {{ start: 1.0e-3, end: 0.1, steps: {steps}, divergence: 0, repeats: {repeats}, candidates: [ {list} ] }}");
        return sb.ToString();
    }

    private static string Report(Recorder r, string id, double t0, SweepState state, int round, bool cold, int trials, int silos, int slots, int pollMs, int steps, string loadBefore)
    {
        double At(SweepState s) => r.StateAt.TryGetValue((id, s), out var v) ? v : double.NaN;
        var enq = r.EnqueuedAt.Where(kv => kv.Key.Sweep == id).ToDictionary(kv => kv.Key.Trial, kv => kv.Value);
        var claim = r.ClaimedAt.Where(kv => kv.Key.Sweep == id).ToDictionary(kv => kv.Key.Trial, kv => kv.Value);
        var first = r.FirstStepAt.Where(kv => kv.Key.Sweep == id).ToDictionary(kv => kv.Key.Trial, kv => kv.Value);
        var done = r.FinishedAt.Where(kv => kv.Key.Sweep == id).ToDictionary(kv => kv.Key.Trial, kv => kv.Value);

        var completed = At(SweepState.Completed);
        var wall = (completed - t0) / 1000;
        var deciding = At(SweepState.Deciding);
        var rtPhase = (deciding - t0) / 1000;

        // Dispatch latency: the trial's pending row committed -> its first training step ran (queueing included).
        var dispatch = first.Where(kv => enq.ContainsKey(kv.Key)).Select(kv => kv.Value.At - enq[kv.Key]).ToList();
        var claimToFirst = first.Where(kv => claim.ContainsKey(kv.Key)).Select(kv => kv.Value.At - claim[kv.Key].At).ToList();
        var run = done.Where(kv => first.ContainsKey(kv.Key)).Select(kv => kv.Value.At - first[kv.Key].At).ToList();

        // Scheduling gap: per silo, the k-th slot freed (trial finished) is paired with the (slots + k)-th trial started
        // (first step) there; counted only when a claimable trial was waiting at the moment the slot was freed.
        var enqTimes = enq.Values.OrderBy(v => v).ToArray();
        var claimTimes = claim.Values.Select(v => v.At).OrderBy(v => v).ToArray();
        var gaps = new List<double>();
        var claimGaps = new List<double>();
        foreach (var silo in first.Values.Select(v => v.Silo).Distinct())
        {
            var starts = first.Where(kv => kv.Value.Silo == silo).OrderBy(kv => kv.Value.At).ToList();
            var frees = done.Values.Where(v => v.Silo == silo).Select(v => v.At).OrderBy(v => v).ToList();
            for (var k = 0; k + slots < starts.Count && k < frees.Count; k++)
            {
                var freed = frees[k];
                var waiting = Count(enqTimes, freed) - Count(claimTimes, freed);
                if (waiting <= 0)
                {
                    continue;
                }

                var start = starts[k + slots];
                gaps.Add(start.Value.At - freed);
                if (claim.TryGetValue(start.Key, out var c))
                {
                    claimGaps.Add(c.At - freed);
                }
            }
        }

        var perSilo = string.Join(",", first.Values.GroupBy(v => v.Silo).OrderBy(g => g.Key).Select(g => g.Count()));
        return $"cbench orchestration round={round}{(cold ? "(warmup-cold)" : round <= 0 ? "(warmup)" : "")} state={state} silos={silos} slots={slots} poll_ms={pollMs} "
            + $"trials={trials} started={first.Count} finished={done.Count} steps={steps} "
            + $"wall_s={F(wall, 3)} trials_per_s={F(trials / wall, 1)} "
            + $"rt_phase_s={F(rtPhase, 3)} rt_trials_per_s={F(trials / rtPhase, 1)} decide_s={F((completed - deciding) / 1000, 3)} "
            + $"coordinator_pickup_ms={F(At(SweepState.RangeTest) - t0)} enqueue_s={F((enqTimes.LastOrDefault() - enqTimes.FirstOrDefault()) / 1000, 3)} "
            + $"dispatch_p50_ms={F(Percentile(dispatch, 50))} dispatch_p99_ms={F(Percentile(dispatch, 99))} dispatch_max_ms={F(Percentile(dispatch, 100))} "
            + $"gap_p50_ms={F(Percentile(gaps, 50))} gap_p99_ms={F(Percentile(gaps, 99))} gap_n={gaps.Count} "
            + $"free_to_claim_p50_ms={F(Percentile(claimGaps, 50))} free_to_claim_p99_ms={F(Percentile(claimGaps, 99))} "
            + $"claim_to_first_step_p50_ms={F(Percentile(claimToFirst, 50))} claim_to_first_step_p99_ms={F(Percentile(claimToFirst, 99))} "
            + $"trial_run_p50_ms={F(Percentile(run, 50))} trial_run_p99_ms={F(Percentile(run, 99))} "
            + $"trials_per_silo={perSilo} errors={r.Errors} load1_before={loadBefore} load1_after={Load()}";
    }

    /// <summary>How many of the sorted times are at or before t.</summary>
    private static int Count(double[] sorted, double t)
    {
        var i = Array.BinarySearch(sorted, t);
        if (i < 0)
        {
            return ~i;
        }

        while (i + 1 < sorted.Length && sorted[i + 1] <= t)
        {
            i++;
        }

        return i + 1;
    }
}
