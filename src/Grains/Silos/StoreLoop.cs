namespace LrCluster.Grains.Silos;

/// <summary>
/// The polling loop of a silo worker: one tick every poll interval until stopped. A tick that throws
/// (the database restarting, a network blip) is reported and retried after a backoff of 0.5 s doubling
/// to 10 s, so a silo rides out a store outage instead of exiting.
/// </summary>
internal static class StoreLoop
{
    public static async Task RunAsync(TimeSpan poll, Action<Exception>? onError, Action tick, CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                tick();
                failures = 0;
                wait = poll;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures++;
                onError?.Invoke(e);
                wait = TimeSpan.FromMilliseconds(Math.Min(10_000, 500 * Math.Pow(2, Math.Min(failures - 1, 5))));
            }

            try
            {
                await Task.Delay(wait, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
