using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace LrCluster.ClusterBench;

/// <summary>
/// What a round cost, in measures that do not move with the machine's load (unlike wall-clock trials/s on a shared
/// 2-core VM): store calls (round trips) by method, CPU time of this process and of the PostgreSQL server, thread-pool
/// work items and context switches (wake-ups and thread hops), bytes allocated, and Orleans' own message, activation and
/// directory counters. <see cref="Take"/> before and after a round; <see cref="Per"/> divides the difference by the trials.
/// </summary>
public sealed class CostProbe : IDisposable
{
    // Orleans' counters worth a look per trial; histograms count their measurements (e.g. a message's size per message sent).
    private static readonly string[] Instruments =
    [
        "orleans-messaging-sent-messages-size", "orleans-messaging-received-messages-size", "orleans-messaging-sent-local",
        "orleans-catalog-activation-created", "orleans-catalog-activation-destroyed",
        "orleans-directory-registrations-single-act-issued", "orleans-directory-registrations-single-act-remote-sent",
        "orleans-directory-unregistrations-issued", "orleans-directory-unregistrations-remote-sent",
        "orleans-directory-unregistrations-many-issued", "orleans-directory-unregistrations-many-remote-sent",
        "orleans-directory-lookups-full-issued",
    ];

    private readonly ConcurrentDictionary<string, long> _storeCalls;
    private readonly ConcurrentDictionary<string, double> _orleans = new();
    private readonly MeterListener _listener = new();
    private readonly string? _pgData;

    public CostProbe(ConcurrentDictionary<string, long> storeCalls, string? pgData)
    {
        _storeCalls = storeCalls;
        _pgData = pgData;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Microsoft.Orleans" && Instruments.Contains(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, _, _) => Add(i, v));
        _listener.SetMeasurementEventCallback<int>((i, v, _, _) => Add(i, v));
        _listener.SetMeasurementEventCallback<double>((i, v, _, _) => Add(i, v));
        _listener.Start();
    }

    public Snapshot Take()
    {
        using var self = Process.GetCurrentProcess();
        // getrusage(RUSAGE_SELF): context switches of every thread the process had, ended ones included (/proc/self/status
        // counts the main thread only). struct rusage: two timevals, then 14 longs; nvcsw and nivcsw are the last two.
        var usage = new long[18];
        _ = GetRusage(0, usage);
        return new Snapshot(
            Stopwatch.GetTimestamp(),
            self.TotalProcessorTime.TotalMilliseconds,
            PostgresCpuMs(),
            ThreadPool.CompletedWorkItemCount,
            usage[16],
            usage[17],
            GC.GetTotalAllocatedBytes(),
            GC.CollectionCount(0),
            System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds,
            System.Runtime.JitInfo.GetCompiledMethodCount(),
            new Dictionary<string, long>(_storeCalls),
            new Dictionary<string, double>(_orleans));
    }

    /// <summary>The costs between two snapshots divided by <paramref name="trials"/>, as <c>key=value</c> pairs.</summary>
    public static string Per(Snapshot a, Snapshot b, int trials)
    {
        var parts = new List<string>
        {
            Kv("cpu_ms_per_trial", (b.CpuMs - a.CpuMs) / trials, 3),
            Kv("pg_cpu_ms_per_trial", double.IsNaN(a.PgCpuMs) ? double.NaN : (b.PgCpuMs - a.PgCpuMs) / trials, 3),
            Kv("store_calls_per_trial", (Calls(b) - Calls(a)) / (double)trials, 2),
            Kv("threadpool_items_per_trial", (b.ThreadPoolItems - a.ThreadPoolItems) / (double)trials, 1),
            Kv("ctx_switches_per_trial", (b.Voluntary - a.Voluntary) / (double)trials, 1),
            Kv("involuntary_switches_per_trial", (b.Involuntary - a.Involuntary) / (double)trials, 1),
            Kv("alloc_kb_per_trial", (b.Allocated - a.Allocated) / 1024.0 / trials, 1),
            Kv("gen0_gcs", b.Gen0 - a.Gen0, 0),
            // The JIT's own time (tier-up of hot methods keeps it busy for tens of seconds after a silo starts).
            Kv("jit_ms_per_trial", (b.JitMs - a.JitMs) / trials, 3),
            Kv("jit_methods", b.JitMethods - a.JitMethods, 0),
        };
        foreach (var (name, count) in b.StoreCalls.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var delta = count - a.StoreCalls.GetValueOrDefault(name);
            if (delta > 0)
            {
                parts.Add(Kv("store." + name, delta / (double)trials, 3));
            }
        }

        foreach (var (name, value) in b.Orleans.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var delta = value - a.Orleans.GetValueOrDefault(name);
            if (delta > 0)
            {
                parts.Add(Kv(name.Replace("orleans-", "orleans.", StringComparison.Ordinal), delta / trials, 3));
            }
        }

        return string.Join(' ', parts);
    }

    public void Dispose() => _listener.Dispose();

    // Method names only: keys with an underscore break a method's calls down (claims by outcome).
    private static long Calls(Snapshot s) => s.StoreCalls.Where(p => !p.Key.Contains('_', StringComparison.Ordinal)).Sum(p => p.Value);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, long[] usage);

    private void Add(Instrument instrument, double value)
    {
        // Counters add their values; histograms (message sizes) count their measurements.
        var amount = instrument is Histogram<long> or Histogram<int> or Histogram<double> ? 1 : value;
        _orleans.AddOrUpdate(instrument.Name, amount, (_, v) => v + amount);
    }

    /// <summary>
    /// CPU time of the PostgreSQL server: the postmaster's own and its reaped children's (cutime, cstime), plus every live
    /// child's. Children are its backends (one per pooled connection), the WAL writer, the checkpointer and so on.
    /// </summary>
    private double PostgresCpuMs()
    {
        if (_pgData is null || !File.Exists(Path.Combine(_pgData, "postmaster.pid")))
        {
            return double.NaN;
        }

        var postmaster = int.Parse(File.ReadLines(Path.Combine(_pgData, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // Fields after the command name (which may hold spaces) start at state: ppid is [1], utime [11], stime [12].
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ppid = int.Parse(f[1], CultureInfo.InvariantCulture);
            if (pid == postmaster)
            {
                ticks += long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)
                    + long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture);
            }
            else if (ppid == postmaster)
            {
                ticks += long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
            }
        }

        // USER_HZ is 100 on Linux.
        return ticks * 10;
    }

    private static string Kv(string key, double value, int digits) =>
        key + "=" + (double.IsNaN(value) ? "nan" : value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    public sealed record Snapshot(
        long Timestamp,
        double CpuMs,
        double PgCpuMs,
        long ThreadPoolItems,
        long Voluntary,
        long Involuntary,
        long Allocated,
        int Gen0,
        double JitMs,
        long JitMethods,
        Dictionary<string, long> StoreCalls,
        Dictionary<string, double> Orleans);
}
