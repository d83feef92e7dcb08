using System.Collections.Concurrent;

namespace LrCluster.Grains.Slots;

/// <summary>
/// The slots of this silo, each with one dedicated thread kept for the silo's life. Slot i owns device i (its GPU on a
/// <c>--gpus</c> silo). A trial blocks its slot's thread for its whole run (training steps and synchronous store writes),
/// so it never runs on the thread pool or inside an Orleans turn; a fresh thread per trial cost more than a short
/// trial's store writes. A slot is reserved before its claim and freed when its trial's work returns: never two at once.
/// </summary>
public sealed class SlotThreads : IDisposable
{
    private readonly BlockingCollection<Action>[] _queues;
    private readonly Thread[] _threads;
    // Per slot: null when free, else the trial it is reserved for ("" before its claim is known) and whether its work started.
    private readonly (string Key, bool Running)?[] _reserved;
    private readonly Lock _gate = new();

    public SlotThreads(int count, string name)
    {
        _queues = Enumerable.Range(0, count).Select(_ => new BlockingCollection<Action>()).ToArray();
        _reserved = new (string, bool)?[count];
        _threads = Enumerable.Range(0, count).Select(i => new Thread(() => Serve(i)) { IsBackground = true, Name = $"{name}-slot-{i}" }).ToArray();
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>Raised (on the slot's thread) when a slot's work returned and the slot is free again.</summary>
    public event Action? Freed;

    public int Count => _queues.Length;

    public int Busy
    {
        get
        {
            lock (_gate)
            {
                return _reserved.Count(r => r is not null);
            }
        }
    }

    /// <summary>Reserves up to <paramref name="max"/> free slots (lowest first) for claims about to be made.</summary>
    public IReadOnlyList<int> Reserve(int max)
    {
        lock (_gate)
        {
            var slots = new List<int>();
            for (var i = 0; i < _reserved.Length && slots.Count < max; i++)
            {
                if (_reserved[i] is null)
                {
                    _reserved[i] = ("", false);
                    slots.Add(i);
                }
            }

            return slots;
        }
    }

    /// <summary>Names the trial a reserved slot was claimed for: only that trial's work may run on it.</summary>
    public void Assign(int slot, string key)
    {
        lock (_gate)
        {
            _reserved[slot] = (key, false);
        }
    }

    /// <summary>
    /// Frees a reserved slot whose claim came to nothing, unless its trial's work already started there (then the work
    /// frees it): true when freed. Atomic with <see cref="Run"/>, so a start that lands late can never share the slot.
    /// It raises no <see cref="Freed"/>: the worker that reserved the slot knows, and a wake-up here would send an idle
    /// worker straight back to an empty queue (a claim loop that spun on the store while there was nothing to run).
    /// </summary>
    public bool Free(int slot)
    {
        lock (_gate)
        {
            if (_reserved[slot] is { Running: true })
            {
                return false;
            }

            _reserved[slot] = null;
        }

        return true;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the slot's thread, if the slot is assigned to <paramref name="key"/> and idle; the
    /// slot is freed when the work returns. Throws when the slot is not this trial's (a start that came too late).
    /// </summary>
    public Task Run(int slot, string key, Action work)
    {
        lock (_gate)
        {
            if (_reserved[slot] is not { Running: false } assigned || assigned.Key != key)
            {
                throw new InvalidOperationException($"slot {slot} is not reserved for {key}");
            }

            _reserved[slot] = (key, true);
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queues[slot].Add(() =>
        {
            try
            {
                work();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
            finally
            {
                lock (_gate)
                {
                    _reserved[slot] = null;
                }

                Freed?.Invoke();
            }
        });
        return done.Task;
    }

    /// <summary>
    /// Ends the threads once their work returns. By now the silo has interrupted its trials; a thread still stuck in a
    /// native call is a background thread and is not waited for past a few seconds (the process is ending).
    /// </summary>
    public void Dispose()
    {
        foreach (var queue in _queues)
        {
            queue.CompleteAdding();
        }

        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    private void Serve(int slot)
    {
        foreach (var work in _queues[slot].GetConsumingEnumerable())
        {
            work();
        }
    }
}
