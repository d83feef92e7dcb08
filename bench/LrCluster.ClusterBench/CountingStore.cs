using System.Collections.Concurrent;
using System.Reflection;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Store;

namespace LrCluster.ClusterBench;

/// <summary>
/// Counts the calls a silo makes to its store, per method: each call of <see cref="ISweepStore"/> is one round trip to
/// PostgreSQL (a fenced write is one batch; only the coordinator's sweep-row writes take a transaction of several). A
/// measure of work per trial that does not move with the machine's load, unlike wall-clock time.
/// It is not sealed because <see cref="DispatchProxy"/> generates a type that derives from it.
/// </summary>
public class CountingStore : DispatchProxy
{
    private ISweepStore _inner = null!;
    private ConcurrentDictionary<string, long> _counts = null!;

    /// <summary>Raised after a sweep's state write returned (the row is committed): the benchmark's clock, without polling the store.</summary>
    public static event Action<string, SweepState>? SweepStateWritten;

    public static ISweepStore Wrap(ISweepStore inner, ConcurrentDictionary<string, long> counts)
    {
        var proxy = Create<ISweepStore, CountingStore>();
        var self = (CountingStore)(object)proxy;
        self._inner = inner;
        self._counts = counts;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        _counts.AddOrUpdate(targetMethod!.Name, 1, static (_, n) => n + 1);
        try
        {
            var result = targetMethod.Invoke(_inner, args);
            if (result is IReadOnlyList<TrialLease> leases)
            {
                // Claims by outcome: an empty claim is a round trip that started nothing.
                _counts.AddOrUpdate($"{targetMethod.Name}_got{leases.Count}of{args![1]}", 1, static (_, n) => n + 1);
            }

            if (targetMethod.Name == nameof(ISweepStore.SetSweepState))
            {
                SweepStateWritten?.Invoke((string)args![0]!, (SweepState)args[1]!);
            }

            return result;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
