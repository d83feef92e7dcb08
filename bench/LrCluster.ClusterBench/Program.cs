using System.Diagnostics;
using System.Globalization;
using LrCluster.ClusterBench;

// Cluster benchmarks on PostgreSQL (see docs/benchmarks.md). Every result is one line on stdout:
//   cbench <kind> key=value key=value ...
// Progress and errors go to stderr.
//
//   LrCluster.ClusterBench orchestration --url postgres://... [--silos 4] [--slots 4] [--candidates 10] [--repeats 100]
//                                        [--steps 5] [--rounds 3] [--warmup 2] [--pg-data /tmp/lrc-postgres-PORT/data]
//   LrCluster.ClusterBench ingest --url postgres://... [--points 200000] [--batches 256,1000,10000] [--writers 1]
//
// Both wipe the benchmark tables of the database they are given: point them at a database of their own.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length == 0 || args[0] is not ("orchestration" or "ingest"))
{
    Console.Error.WriteLine("usage: LrCluster.ClusterBench orchestration|ingest --url postgres://user:pass@host:port/db [options]");
    return 2;
}

var options = Args.Parse(args.Skip(1).ToArray());
var url = options.Get("url", Environment.GetEnvironmentVariable("LRC_BENCH_PG") ?? "");
if (url.Length == 0)
{
    Console.Error.WriteLine("cbench: --url (or LRC_BENCH_PG) is required");
    return 2;
}

try
{
    return args[0] == "orchestration"
        ? await Orchestration.RunAsync(url, options)
        : Ingest.Run(url, options);
}
catch (Exception e)
{
    Console.Error.WriteLine($"cbench: {e}");
    return 1;
}

internal sealed class Args(Dictionary<string, string> values)
{
    public static Args Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"unexpected argument '{args[i]}' (options are --name value)");
            }

            values[args[i][2..]] = args[++i];
        }

        return new Args(values);
    }

    public string Get(string name, string fallback) => values.TryGetValue(name, out var v) ? v : fallback;

    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public int[] Ints(string name, int[] fallback) => values.TryGetValue(name, out var v)
        ? v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()
        : fallback;
}

internal static class Stats
{
    /// <summary>Nearest-rank percentile of an unsorted sample; NaN when empty.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string F(double v, int digits = 1) => double.IsNaN(v) ? "nan" : v.ToString("F" + digits, CultureInfo.InvariantCulture);

    public static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "nan";
}

internal static class Db
{
    /// <summary>Empties the store's tables (the schema stays): every round starts from the same empty database.</summary>
    public static void Wipe(string url)
    {
        using var c = new Npgsql.NpgsqlConnection(LrCluster.Grains.Store.Postgres.PostgresUrl.ToConnectionString(url));
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "TRUNCATE sweeps, trials, loss_points, epoch_points, checkpoints CASCADE";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                cmd.ExecuteNonQuery();
                return;
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == "40P01" && attempt < 5)
            {
                // The live silos' idle claims lock trials then sweeps, TRUNCATE takes them in its own order: try again.
            }
        }
    }

    public static Stopwatch Time() => Stopwatch.StartNew();
}
