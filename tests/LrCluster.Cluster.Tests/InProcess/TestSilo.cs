using System.Collections.Concurrent;
using LrCluster.Grains;
using LrCluster.Grains.Silos;
using LrCluster.Grains.Store;

namespace LrCluster.Cluster.Tests.InProcess;

/// <summary>
/// One silo of a <see cref="TestCluster"/>: a <see cref="ClusterNode"/> with its own store instance, trainers and
/// options, started on its own cancellation token. <see cref="StopAsync"/> is a graceful stop (the node hands its leases
/// back and leaves); <see cref="Kill"/> abandons it (store calls throw, training blocks, nothing is handed back).
/// </summary>
internal sealed class TestSilo
{
    private readonly ISweepStore _inner;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Exception> _errors = new();

    public TestSilo(StoreBackend backend, ClusterOptions options, TimeSpan perStep)
    {
        Options = options;
        Power = new SiloSwitch();
        _inner = backend.Open();
        Store = new SwitchedStore(_inner, Power);
        Trainers = new SwitchedTrainerFactory(Power, perStep);
        Task = new ClusterNode(Store, Trainers, options, onError: _errors.Enqueue).RunAsync(_stop.Token);
    }

    public string Name => Options.Name;

    public ClusterOptions Options { get; }

    public SiloSwitch Power { get; }

    public SwitchedStore Store { get; }

    public SwitchedTrainerFactory Trainers { get; }

    public Task Task { get; }

    /// <summary>What the node reported through its error callback (store failures, lost leases of coordinators).</summary>
    public IReadOnlyList<Exception> Errors => [.. _errors];

    public bool Stopped { get; private set; }

    /// <summary>Cancels the node's token and waits for it to hand its leases back and leave.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WaitAsync(TimeSpan.FromSeconds(20));
        Stopped = true;
        _inner.Dispose();
    }

    public void Kill() => Power.Kill();

    /// <summary>Teardown: lets a dead or paused silo's blocked threads end, stops its loops and closes its store.</summary>
    public async Task DisposeAsync()
    {
        if (Stopped)
        {
            return;
        }

        Power.Release();
        await _stop.CancelAsync();
        try
        {
            await Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // A wedged node must not hang the test run; its threads die with the process.
        }

        Stopped = true;
        _inner.Dispose();
        Power.Dispose();
    }
}
