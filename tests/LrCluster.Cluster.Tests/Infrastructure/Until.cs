namespace LrCluster.Cluster.Tests;

/// <summary>Waiting on a condition (never on time): polls every 20 ms until the probe answers, and fails with what it waited for.</summary>
internal static class Until
{
    public static async Task<T> Async<T>(Func<T?> probe, TimeSpan timeout, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {timeout.TotalSeconds} s for {what}");
            }

            await Task.Delay(20);
        }
    }
}
