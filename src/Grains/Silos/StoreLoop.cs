using LrCluster.Grains.Store;

namespace LrCluster.Grains.Silos;

/// <summary>
/// The loop of a silo worker: one tick per wake-up or poll interval until stopped. A tick that throws
/// (the database restarting, a network blip) is reported and retried after a backoff of 0.5 s doubling
/// to 10 s, so a silo rides out a store outage instead of exiting.
/// </summary>
internal static class StoreLoop
{
    /// <param name="nextWakeup">Taken before each tick, awaited after it (<see cref="WakeupSignal"/>): a wake-up during the tick is not lost.</param>
    public static async Task RunAsync(Func<Task> nextWakeup, TimeSpan poll, Action<Exception>? onError, Action tick, CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            TimeSpan? backoff = null;
            var wakeup = nextWakeup();
            try
            {
                tick();
                failures = 0;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures++;
                onError?.Invoke(e);
                backoff = TimeSpan.FromMilliseconds(Math.Min(10_000, 500 * Math.Pow(2, Math.Min(failures - 1, 5))));
            }

            try
            {
                // Healthy: sleep until the store pushes a wake-up (PostgreSQL) or the poll interval passes.
                await (backoff is { } b ? Task.Delay(b, stop) : WakeupSignal.WaitAsync(wakeup, poll, stop)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
