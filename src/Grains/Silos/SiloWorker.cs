using System.Collections.Concurrent;
using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Metrics;
using LrCluster.Grains.Store;
using LrCluster.Grains.Trials;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Silos;

/// <summary>
/// The trial side of a silo: heartbeats its membership row, claims runnable trials for its free slots,
/// runs each as a <see cref="TrialGrain"/> on its slot's thread, renews the leases, and stops a trial at
/// once when its lease is lost or its sweep is cancelled. On a graceful stop it hands its trials back
/// (released, not left to lapse) and leaves the membership.
/// </summary>
public sealed class SiloWorker(ISweepStore store, ITrainerFactory trainers, ClusterOptions options, Action<TrialProgress>? progress = null)
{
    private readonly ConcurrentDictionary<string, Activation> _running = new();
    private readonly ConcurrentDictionary<string, SweepSpec> _specs = new();
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    // A slot of this silo freed, or work anywhere in the cluster (the store's work wake-ups are forwarded into it).
    private readonly WakeupSignal _wake = new();
    private Task? _forwarding;

    public int BusySlots => _running.Count;

    /// <summary>Store errors (a restarting database) are reported here and retried with backoff; the loop never dies of them.</summary>
    public Action<Exception>? OnError { get; init; }

    public async Task RunAsync(CancellationToken stop)
    {
        using var slots = new SlotThreads(options.Slots, options.Name);
        var grain = new TrialGrain(store, trainers, options, progress);
        var lastBeat = DateTimeOffset.MinValue;
        var lastRenew = DateTimeOffset.UtcNow;
        Task? workBefore = null;
        await StoreLoop.RunAsync(() =>
        {
            workBefore = _forwarding;
            return NextWakeup();
        }, options.PollInterval, OnError, () =>
        {
            var now = DateTimeOffset.UtcNow;
            if (now - lastBeat >= options.HeartbeatInterval)
            {
                Beat(now);
                lastBeat = now;
            }

            // A work wake-up may be a cancelled sweep, and a renewal fails for one: renewing now stops its trials
            // at once instead of at the next scheduled renewal (a third of a lease later). Work wake-ups are rare
            // (a sweep created, a phase enqueued, a hand-back), so this costs little.
            var workArrived = workBefore is { IsCompleted: true } && !_running.IsEmpty;
            if (workArrived || now - lastRenew >= options.LeaseDuration / 3)
            {
                Renew(now);
                lastRenew = now;
            }

            var free = options.Slots - _running.Count;
            if (free > 0)
            {
                foreach (var lease in store.ClaimTrials(options.Name, free, now, options.LeaseDuration, options.DeadAfter))
                {
                    Start(slots, grain, lease);
                }
            }
        }, stop).ConfigureAwait(false);
        await HandBackAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Completes at new work anywhere in the cluster or when a slot of this silo frees: a freed slot claims its next trial
    /// at once instead of waiting for the poll (finished trials wake only coordinators, see <see cref="Wakeup"/>). Each
    /// store wake-up is forwarded once, so an idle silo leaves nothing behind per poll (a WhenAny over the two would
    /// stay registered on both until one fired).
    /// </summary>
    private Task NextWakeup()
    {
        // Taken first: a forward that lands from here on completes this task, not a later one.
        var wake = _wake.Next();
        var work = store.NextWakeup(Wakeup.Work);
        if (!ReferenceEquals(work, _forwarding))
        {
            _forwarding = work;
            _ = work.ContinueWith(static (_, signal) => ((WakeupSignal)signal!).Wake(), _wake, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return wake;
    }

    private void Beat(DateTimeOffset now) => store.Heartbeat(new SiloInfo(options.Name, options.Address, options.Slots, _running.Count,
        options.Devices, _started, now, SiloStatus.Active));

    private void Renew(DateTimeOffset now)
    {
        foreach (var activation in _running.Values)
        {
            if (!store.RenewLease(activation.Lease.Ref, options.Name, now, options.LeaseDuration))
            {
                activation.Lost = true;
                activation.Cancel.Cancel();
            }
        }
    }

    private void Start(SlotThreads slots, TrialGrain grain, TrialLease lease)
    {
        var activation = new Activation(lease);
        _running[lease.Ref.TrialId + "@" + lease.Ref.SweepId] = activation;
        activation.Task = slots.Run(slot =>
        {
            using var metrics = new TrialMetrics(options.Name, lease.Ref, lease.Phase);
            try
            {
                var spec = _specs.GetOrAdd(lease.Ref.SweepId, LoadSpec);
                var outcome = grain.Run(lease, TrialGrain.OnDevice(spec, options.DeviceOfSlot(slot)), activation.Cancel.Token, metrics);
                if (outcome == TrialOutcome.Interrupted && store.GetSweep(lease.Ref.SweepId)?.State == SweepState.Cancelled)
                {
                    MarkCancelled(lease.Ref);
                    metrics.Finish("cancelled");
                }
                else if (outcome == TrialOutcome.Interrupted && !activation.Lost)
                {
                    store.ReleaseLease(lease.Ref);
                }

                metrics.Finish(outcome switch
                {
                    TrialOutcome.Finished or TrialOutcome.Failed => TrialMetrics.OutcomeOf(metrics.Status ?? TrialStatus.Failed),
                    TrialOutcome.LeaseLost => "lease_lost",
                    _ => activation.Lost ? "lease_lost" : "interrupted",
                });
            }
            catch (Exception e) when (e is SpecException or InvalidOperationException)
            {
                Guard(() => TryFail(lease.Ref, e.Message));
                metrics.Finish("failed");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The store failed under the trial (database down): the lease lapses and another claim resumes it.
                OnError?.Invoke(e);
            }
            finally
            {
                _running.TryRemove(lease.Ref.TrialId + "@" + lease.Ref.SweepId, out _);
                _wake.Wake();
            }
        });
    }

    private void Guard(Action storeCall)
    {
        try
        {
            storeCall();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            OnError?.Invoke(e);
        }
    }

    private SweepSpec LoadSpec(string sweepId)
    {
        var sweep = store.GetSweep(sweepId) ?? throw new InvalidOperationException($"sweep {sweepId} vanished from the store");
        return SpecReader.Read(sweep.SpecYaml, sweep.SpecFile, Path.GetDirectoryName(sweep.SpecFile));
    }

    private void MarkCancelled(TrialRef trial)
    {
        try
        {
            store.UpdateTrialProgress(trial, TrialStatus.Cancelled, 0, double.NaN, double.NaN);
        }
        catch (LeaseLostException)
        {
        }
    }

    private void TryFail(TrialRef trial, string error)
    {
        try
        {
            store.UpdateTrialProgress(trial, TrialStatus.Failed, 0, double.NaN, double.NaN, error);
        }
        catch (LeaseLostException)
        {
        }
    }

    private async Task HandBackAsync()
    {
        foreach (var activation in _running.Values)
        {
            activation.Cancel.Cancel();
        }

        await Task.WhenAll(_running.Values.Select(a => a.Task ?? Task.CompletedTask)).ConfigureAwait(false);
        Guard(() => store.LeaveSilo(options.Name, DateTimeOffset.UtcNow));
    }

    private sealed class Activation(TrialLease lease)
    {
        public TrialLease Lease { get; } = lease;

        public CancellationTokenSource Cancel { get; } = new();

        public volatile bool Lost;

        public Task? Task { get; set; }
    }
}
