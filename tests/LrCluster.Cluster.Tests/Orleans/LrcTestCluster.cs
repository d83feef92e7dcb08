using System.Collections.Concurrent;
using LrCluster.Grains;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Hosting;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace LrCluster.Cluster.Tests.Orleans;

/// <summary>
/// Orleans' <see cref="InProcessTestCluster"/> with our grains on every silo, over one store backend (each silo its own
/// store instance behind a <see cref="SiloSwitch"/>), analytic trainers slowed to 2 ms a step, one slot per silo and
/// fast failure detection (probe 1 s, 3 missed). Silos are started, stopped (SIGTERM), killed (kill -9: the switch
/// cuts the store and freezes training, then Orleans kills the silo) and restarted through the cluster's own API.
/// </summary>
internal sealed class LrcTestCluster : IAsyncDisposable
{
    public static readonly TimeSpan PerStep = TimeSpan.FromMilliseconds(2);

    private readonly StoreBackend _backend;
    private readonly ConcurrentDictionary<string, SiloParts> _parts = new(StringComparer.Ordinal);
    private readonly InProcessTestCluster _cluster;

    private LrcTestCluster(StoreBackend backend, short silos, int slots)
    {
        // A killed or paused silo's slot threads stay blocked in this process (a real kill ends the process instead).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), io);
        _backend = backend;
        Store = backend.Open();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((options, silo) =>
        {
            var parts = _parts.GetOrAdd(options.SiloName, _ => new SiloParts(backend));
            parts.Renew();
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = MembershipTimings.Test.ProbeTimeout;
                o.NumMissedProbesLimit = MembershipTimings.Test.MissedProbes;
            });
            silo.Services.AddSingleton<ITrainerFactory>(parts.Trainers);
            silo.AddLrcGrains(new LrCluster.Grains.ClusterOptions
            {
                Name = options.SiloName,
                Slots = slots,
                CheckpointEvery = 50,
                PollInterval = TimeSpan.FromMilliseconds(200),
            }, parts.Store);
        });
        _cluster = builder.Build();
    }

    /// <summary>The test's own store instance, for reading what the silos wrote.</summary>
    public ISweepStore Store { get; }

    public IReadOnlyList<InProcessSiloHandle> Silos => _cluster.Silos;

    public IClusterClient Client => _cluster.Client;

    public static async Task<LrcTestCluster> StartAsync(StoreBackend backend, short silos, int slots = 1)
    {
        var cluster = new LrcTestCluster(backend, silos, slots);
        await cluster._cluster.DeployAsync();
        return cluster;
    }

    public SiloParts Parts(string silo) => _parts[silo];

    public InProcessSiloHandle Silo(string name) => _cluster.Silos.Single(s => s.Name == name);

    /// <summary>Submits a spec through the coordinator grain, as the gateway does; returns the sweep id.</summary>
    public async Task<string> SubmitAsync(string yaml)
    {
        var id = $"s{Guid.NewGuid():N}"[..12];
        await Client.GetGrain<ISweepGrain>(id).Submit(new SweepSubmission(id, "cluster", yaml, "cluster.yaml"));
        return id;
    }

    /// <summary>kill -9: the silo's store calls fail and its training freezes at once, then Orleans drops it without a goodbye.</summary>
    public async Task KillAsync(string name)
    {
        _parts[name].Power.Kill();
        await _cluster.KillSiloAsync(Silo(name));
    }

    /// <summary>SIGTERM: the silo hands its trials back (checkpointed) and leaves.</summary>
    public Task StopAsync(string name) => _cluster.StopSiloAsync(Silo(name));

    public Task<InProcessSiloHandle> StartSiloAsync() => _cluster.StartAdditionalSiloAsync();

    public Task<SweepRecord> WaitFinalAsync(string sweepId, TimeSpan? timeout = null) =>
        Until.Async(() => Store.GetSweep(sweepId) is { IsFinal: true } s ? s : null, timeout ?? TimeSpan.FromSeconds(90), $"sweep {sweepId} to end");

    public TrialRecord Trial(string sweepId, string trialId) => Store.ListTrials(sweepId).Single(t => t.Id == trialId);

    public async ValueTask DisposeAsync()
    {
        foreach (var parts in _parts.Values)
        {
            parts.Power.Release();
        }

        await _cluster.DisposeAsync();
        Store.Dispose();
        foreach (var parts in _parts.Values)
        {
            parts.Dispose();
        }

        _backend.Dispose();
    }

    /// <summary>What one silo (by name) runs on: its switch, its store instance and its trainers; a restart gets fresh ones.</summary>
    internal sealed class SiloParts(StoreBackend backend) : IDisposable
    {
        private readonly List<IDisposable> _old = [];

        public SiloSwitch Power { get; private set; } = null!;

        public SwitchedStore Store { get; private set; } = null!;

        public SwitchedTrainerFactory Trainers { get; private set; } = null!;

        public void Renew()
        {
            Power = new SiloSwitch();
            Store = new SwitchedStore(backend.Open(), Power);
            Trainers = new SwitchedTrainerFactory(Power, PerStep);
            _old.Add(Store);
            _old.Add(Power);
        }

        public void Dispose()
        {
            foreach (var d in _old)
            {
                d.Dispose();
            }
        }
    }
}
