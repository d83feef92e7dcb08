using LrCluster.Core.Sweeps;
using LrCluster.Grains;
using LrCluster.Grains.Store;

namespace LrCluster.Cluster.Tests.InProcess;

/// <summary>
/// An in-process cluster for tests, in the role of Orleans' TestingHost: N <see cref="TestSilo"/>s (silo-a, silo-b, ...)
/// over one store backend (a SQLite file or a PostgreSQL schema), each with its own store instance and fast timings
/// (heartbeat 200 ms, dead after 3 missed, lease 1.5 s, poll 20 ms), and analytic trainers slowed to 2 ms a step.
/// Silos can be stopped gracefully, killed, paused (a zombie) and restarted under the same name.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    public static readonly TimeSpan PerStep = TimeSpan.FromMilliseconds(2);

    private readonly StoreBackend _backend;
    private readonly Action<ClusterOptions>? _configure;
    private readonly Dictionary<string, TestSilo> _silos = new(StringComparer.Ordinal);
    private readonly List<TestSilo> _retired = [];

    public TestCluster(StoreBackend backend, int silos, Action<ClusterOptions>? configure = null)
    {
        // A paused or killed test silo blocks pool threads (a real SIGSTOP freezes the whole process instead); with 2
        // cores the pool's slow thread injection would then delay the other silos' loops by a second or more.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), io);
        _backend = backend;
        _configure = configure;
        Store = backend.Open();
        for (var i = 0; i < silos; i++)
        {
            StartSilo(SiloName(i));
        }
    }

    /// <summary>The test's own store instance (not behind any silo's switch), for submitting and reading.</summary>
    public ISweepStore Store { get; }

    public IReadOnlyCollection<TestSilo> Silos => _silos.Values;

    public TestSilo this[string name] => _silos[name];

    public static string SiloName(int index) => $"silo-{(char)('a' + index)}";

    public static ClusterOptions FastOptions(string name) => new()
    {
        Name = name,
        Slots = 1,
        CheckpointEvery = 50,
        HeartbeatInterval = TimeSpan.FromMilliseconds(200),
        MissedHeartbeats = 3,
        LeaseDuration = TimeSpan.FromSeconds(1.5),
        PollInterval = TimeSpan.FromMilliseconds(20),
    };

    public TestSilo StartSilo(string name)
    {
        if (_silos.ContainsKey(name))
        {
            throw new InvalidOperationException($"{name} is already running");
        }

        var options = FastOptions(name);
        _configure?.Invoke(options);
        var silo = new TestSilo(_backend, options, PerStep);
        _silos[name] = silo;
        return silo;
    }

    /// <summary>Graceful stop: the silo's token is cancelled; it hands its trials and coordinators back and leaves.</summary>
    public async Task StopSiloAsync(string name)
    {
        var silo = _silos[name];
        _silos.Remove(name);
        await silo.StopAsync();
    }

    /// <summary>Abandons the silo as kill -9 would: it stops writing and heartbeating at once and hands nothing back.</summary>
    public TestSilo KillSilo(string name)
    {
        var silo = _silos[name];
        _silos.Remove(name);
        silo.Kill();
        _retired.Add(silo);
        return silo;
    }

    /// <summary>Stops the silo (gracefully if it runs, or leaves its killed remains) and starts a fresh one under the same name.</summary>
    public async Task<TestSilo> RestartSiloAsync(string name)
    {
        if (_silos.ContainsKey(name))
        {
            await StopSiloAsync(name);
        }

        return StartSilo(name);
    }

    public string Submit(string yaml)
    {
        var id = $"s{Guid.NewGuid():N}"[..12];
        var now = DateTimeOffset.UtcNow;
        Store.CreateSweep(new SweepRecord(id, "cluster", yaml, "cluster.yaml", SweepState.Pending, now, now, null, null, null));
        return id;
    }

    /// <summary>Waits until the sweep is completed, failed or cancelled, and returns its row.</summary>
    public Task<SweepRecord> WaitFinalAsync(string sweepId, TimeSpan? timeout = null) =>
        WaitAsync(() => Store.GetSweep(sweepId) is { State: SweepState.Completed or SweepState.Failed or SweepState.Cancelled } s ? s : null,
            timeout ?? TimeSpan.FromSeconds(60), $"sweep {sweepId} to end");

    /// <summary>Polls every 10 ms until <paramref name="probe"/> returns a value.</summary>
    public async Task<T> WaitAsync<T>(Func<T?> probe, TimeSpan timeout, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {timeout.TotalSeconds} s for {what}; silo errors: "
                    + string.Join(" | ", _silos.Values.Concat(_retired).SelectMany(s => s.Errors.Select(e => $"{s.Name}: {e.Message}")).Take(10)));
            }

            await Task.Delay(10);
        }
    }

    public TrialRecord Trial(string sweepId, string trialId) => Store.ListTrials(sweepId).Single(t => t.Id == trialId);

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.Values.Concat(_retired))
        {
            await silo.DisposeAsync();
        }

        Store.Dispose();
        _backend.Dispose();
    }
}
