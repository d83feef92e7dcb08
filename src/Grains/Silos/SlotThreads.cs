using System.Collections.Concurrent;

namespace LrCluster.Grains.Silos;

/// <summary>
/// One dedicated thread per slot, kept for the silo's life. A trial blocks its thread for its whole run (libtorch
/// steps, synchronous store writes), so it must not run on the thread pool; and starting a fresh thread per trial
/// cost more than a short trial's store writes (thread creation and teardown on every claim).
/// </summary>
internal sealed class SlotThreads : IDisposable
{
    private readonly BlockingCollection<(Action<int> Work, TaskCompletionSource Done)> _queue = new();
    private readonly Thread[] _threads;

    public SlotThreads(int count, string name)
    {
        _threads = Enumerable.Range(0, count).Select(i => new Thread(() => Serve(i)) { IsBackground = true, Name = $"{name}-slot-{i}" }).ToArray();
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the next free slot thread, which passes its slot number (and so its GPU); the task
    /// ends when it returns (or faults with what it threw).
    /// </summary>
    public Task Run(Action<int> work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((work, done));
        return done.Task;
    }

    /// <summary>Lets queued work finish, then ends the threads.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _queue.Dispose();
    }

    private void Serve(int slot)
    {
        foreach (var (work, done) in _queue.GetConsumingEnumerable())
        {
            try
            {
                work(slot);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }
    }
}
