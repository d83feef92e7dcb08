using LrCluster.Grains.Slots;

namespace LrCluster.Grains.Sweeps;

/// <summary>
/// What a coordinator grain hears while a phase runs: finished trials (their one-way notices) and an operator's cancel.
/// The phase wait counts the notices of its own trials and asks the store only once all of them arrived, on a cancel, or
/// on its fallback poll: a wake-up per finished trial costs no round trip. Thread-safe: the grain's turns add notices, the
/// coordinator's task (off the scheduler) reads them.
/// </summary>
public sealed class CompletionNotices
{
    private readonly WakeupSignal _signal = new();
    private readonly Lock _gate = new();
    private HashSet<string> _expected = new(StringComparer.Ordinal);
    private readonly HashSet<string> _arrived = new(StringComparer.Ordinal);
    private volatile bool _cancelRequested;

    /// <summary>True once an operator cancelled the sweep through this activation.</summary>
    public bool CancelRequested => _cancelRequested;

    /// <summary>The next notice of any kind (take it before looking at the store, await it after).</summary>
    public Task Next() => _signal.Next();

    /// <summary>Starts a phase: only notices of these trials count towards it (late ones from the last phase do not).</summary>
    public void Expect(IEnumerable<string> trialIds)
    {
        lock (_gate)
        {
            _expected = new HashSet<string>(trialIds, StringComparer.Ordinal);
            _arrived.Clear();
        }
    }

    /// <summary>Whether every trial of the phase has sent its notice (then the store is asked whether all are final).</summary>
    public bool AllArrived
    {
        get
        {
            lock (_gate)
            {
                return _arrived.Count >= _expected.Count;
            }
        }
    }

    public void Finished(string trialId)
    {
        lock (_gate)
        {
            if (_expected.Contains(trialId))
            {
                _arrived.Add(trialId);
            }
        }

        _signal.Wake();
    }

    public void Cancelled()
    {
        _cancelRequested = true;
        _signal.Wake();
    }
}
