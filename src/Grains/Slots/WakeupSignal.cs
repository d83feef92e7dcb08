namespace LrCluster.Grains.Slots;

/// <summary>
/// A broadcast wake-up: <see cref="Next"/> is a task that completes at the next <see cref="Wake"/>, for every waiter at
/// once. Take the task before looking at the store and await it after: a wake-up that lands while looking then
/// completes it, instead of being lost between the look and the wait.
/// </summary>
public sealed class WakeupSignal
{
    private TaskCompletionSource _generation = NewGeneration();

    public Task Next() => Volatile.Read(ref _generation).Task;

    public void Wake() => Interlocked.Exchange(ref _generation, NewGeneration()).TrySetResult();

    /// <summary>
    /// Waits for <paramref name="wakeup"/> or <paramref name="timeout"/>, whichever comes first: true when woken, false when
    /// the time ran out; throws when <paramref name="cancellation"/> fires. The timer goes as soon as the wake-up comes (a
    /// <c>Task.Delay</c> beside it would stay queued for its full time, one per wake-up).
    /// </summary>
    public static async Task<bool> WaitAsync(Task wakeup, TimeSpan timeout, CancellationToken cancellation)
    {
        try
        {
            await wakeup.WaitAsync(timeout, cancellation).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    // Continuations run on the thread pool, never inline on the thread that calls Wake (a trial's or the listener's).
    private static TaskCompletionSource NewGeneration() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
