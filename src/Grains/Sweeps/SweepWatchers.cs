using System.Collections.Concurrent;

namespace LrCluster.Grains.Sweeps;

/// <summary>Waiters in this process for a sweep's end (<c>lrc run</c>), completed by its coordinator grain when the sweep is final.</summary>
public sealed class SweepWatchers
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _ended = new();

    /// <summary>Completes when a coordinator in this process sees the sweep final; callers also look at the store (it may have ended elsewhere).</summary>
    public Task Ended(string sweepId, CancellationToken cancellation) =>
        _ended.GetOrAdd(sweepId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(cancellation);

    public void Ended(string sweepId) =>
        _ended.GetOrAdd(sweepId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
