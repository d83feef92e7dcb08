using System.Collections.Concurrent;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Trials;

namespace LrCluster.Grains.Slots;

/// <summary>The trials training on this silo's slots: how to interrupt each (a shutdown) and its latest step.</summary>
public sealed class RunningTrials
{
    private readonly ConcurrentDictionary<string, (CancellationTokenSource Cancel, Task Run)> _runs = new();
    private readonly ConcurrentDictionary<string, TrialProgressInfo> _latest = new();
    private readonly HashSet<string> _stopped = new(StringComparer.Ordinal);

    public RunningTrials(TrialEvents events) => events.Watch(p =>
    {
        var key = TrialClaim.TrialKey(p.SweepId, p.TrialId);
        if (p.Status == TrialStatus.Running)
        {
            _latest[key] = new TrialProgressInfo(p.Step, p.Lr, p.Smoothed);
        }
        else
        {
            _latest.TryRemove(key, out _);
        }
    });

    public int Count => _runs.Count;

    public void Add(string key, CancellationTokenSource cancel, Task run)
    {
        _runs[key] = (cancel, run);
        run.ContinueWith(_ =>
        {
            _runs.TryRemove(new KeyValuePair<string, (CancellationTokenSource, Task)>(key, (cancel, run)));
            _latest.TryRemove(key, out var _);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public TrialProgressInfo? Latest(string key) => _latest.TryGetValue(key, out var p) ? p : null;

    /// <summary>
    /// Stops the running trials of a cancelled sweep at their next step, and remembers the sweep, so a trial of it that was
    /// claimed just before the cancel and starts just after stops at once too (<see cref="IsStopped"/>).
    /// </summary>
    public void StopSweep(string sweepId)
    {
        lock (_stopped)
        {
            if (_stopped.Count >= 256)
            {
                // Only the last few cancels can still race a start; a claim never takes a trial of a cancelled sweep.
                _stopped.Clear();
            }

            _stopped.Add(sweepId);
        }

        var prefix = sweepId + "/";
        foreach (var (key, run) in _runs)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                run.Cancel.Cancel();
            }
        }
    }

    /// <summary>Whether this silo was told that the sweep was cancelled.</summary>
    public bool IsStopped(string sweepId)
    {
        lock (_stopped)
        {
            return _stopped.Contains(sweepId);
        }
    }

    /// <summary>Interrupts every running trial; the tasks end once each has checkpointed and gone back to the queue.</summary>
    public IReadOnlyList<Task> InterruptAll()
    {
        var runs = _runs.Values.ToList();
        foreach (var (cancel, _) in runs)
        {
            cancel.Cancel();
        }

        return runs.Select(r => r.Run.ContinueWith(static _ => { }, TaskScheduler.Default)).ToList();
    }
}
