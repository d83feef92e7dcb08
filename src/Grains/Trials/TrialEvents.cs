namespace LrCluster.Grains.Trials;

/// <summary>Live progress of the trials training in this process, for watchers (the gateway's overlay, <c>lrc run</c>'s bars).</summary>
public sealed class TrialEvents
{
    private volatile Action<TrialProgress>[] _watchers = [];

    public void Watch(Action<TrialProgress> watcher)
    {
        lock (this)
        {
            _watchers = [.. _watchers, watcher];
        }
    }

    public void Publish(TrialProgress progress)
    {
        foreach (var watcher in _watchers)
        {
            watcher(progress);
        }
    }
}
