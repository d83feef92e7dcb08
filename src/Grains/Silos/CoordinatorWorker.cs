using System.Collections.Concurrent;
using LrCluster.Core.Spec;
using LrCluster.Grains.Metrics;
using LrCluster.Grains.Store;
using LrCluster.Grains.Sweeps;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Silos;

/// <summary>
/// The coordinator side of a silo: claims unowned sweeps (coordinators run anywhere, no slot needed),
/// runs each sweep's <see cref="SweepCoordinator"/>, renews the leases, and stops a coordinator whose
/// lease is lost. On a graceful stop it hands its sweeps back so another silo continues them at once.
/// </summary>
public sealed class CoordinatorWorker(ISweepStore store, ITrainerFactory trainers, ClusterOptions options)
{
    private const int MaxCoordinators = 64;
    private readonly ConcurrentDictionary<string, (SweepLease Lease, CancellationTokenSource Cancel, Task Task)> _running = new();

    /// <summary>Store errors (a restarting database) are reported here and retried with backoff; the loop never dies of them.</summary>
    public Action<Exception>? OnError { get; init; }

    public async Task RunAsync(CancellationToken stop)
    {
        var lastRenew = DateTimeOffset.UtcNow;
        await StoreLoop.RunAsync(() => store.NextWakeup(Wakeup.Work), options.PollInterval, OnError, () =>
        {
            var now = DateTimeOffset.UtcNow;
            if (now - lastRenew >= options.LeaseDuration / 3)
            {
                foreach (var (lease, cancel, _) in _running.Values)
                {
                    if (!store.RenewSweepLease(lease, options.Name, now, options.LeaseDuration))
                    {
                        if (store.GetSweep(lease.SweepId)?.State is not (SweepState.Completed or SweepState.Failed or SweepState.Cancelled))
                        {
                            // Not finished, so a newer epoch took it (the coordinator's own later writes fail silently).
                            LrcMetrics.LeaseLost("sweep");
                        }

                        cancel.Cancel();
                    }
                }

                lastRenew = now;
            }

            foreach (var lease in store.ClaimSweeps(options.Name, MaxCoordinators - _running.Count, now, options.LeaseDuration, options.DeadAfter))
            {
                Start(lease);
            }
        }, stop).ConfigureAwait(false);

        foreach (var (_, cancel, _) in _running.Values)
        {
            cancel.Cancel();
        }

        await Task.WhenAll(_running.Values.Select(r => r.Task)).ConfigureAwait(false);
    }

    private void Start(SweepLease lease)
    {
        var cancel = new CancellationTokenSource();
        var task = Task.Run(async () =>
        {
            try
            {
                var sweep = store.GetSweep(lease.SweepId) ?? throw new InvalidOperationException($"sweep {lease.SweepId} vanished");
                SweepSpec spec;
                try
                {
                    spec = SpecReader.Read(sweep.SpecYaml, sweep.SpecFile, Path.GetDirectoryName(sweep.SpecFile));
                }
                catch (SpecException e)
                {
                    store.SetSweepState(lease.SweepId, SweepState.Failed, e.Message, lease);
                    return;
                }

                var coordinator = new SweepCoordinator(store, trainers, new StoreDispatcher(store, options.PollInterval));
                await coordinator.RunAsync(lease, spec, cancel.Token).ConfigureAwait(false);
                if (cancel.IsCancellationRequested && store.GetSweep(lease.SweepId)?.State is not SweepState.Cancelled)
                {
                    store.ReleaseSweepLease(lease);
                }
            }
            catch (LeaseLostException)
            {
                // Another silo coordinates this sweep now.
                if (!cancel.IsCancellationRequested)
                {
                    LrcMetrics.LeaseLost("sweep");
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The store failed under the coordinator: its lease lapses and a silo resumes it.
                OnError?.Invoke(e);
            }
            finally
            {
                _running.TryRemove(lease.SweepId, out _);
            }
        }, CancellationToken.None);
        _running[lease.SweepId] = (lease, cancel, task);
    }
}
