namespace LrCluster.Cluster.Tests.Orleans;

/// <summary>
/// How a test silo's outside world behaves: running; paused (every store call and training step waits, like a process
/// under SIGSTOP); or dead (store calls throw, training steps block until the cluster is torn down, like kill -9).
/// </summary>
internal sealed class SiloSwitch : IDisposable
{
    private readonly ManualResetEventSlim _running = new(true);
    private readonly CancellationTokenSource _teardown = new();
    private volatile bool _dead;

    public bool IsDead => _dead;

    public DateTimeOffset? PausedAt { get; private set; }

    public DateTimeOffset? ResumedAt { get; private set; }

    public void Pause()
    {
        PausedAt = DateTimeOffset.UtcNow;
        _running.Reset();
    }

    public void Resume()
    {
        ResumedAt = DateTimeOffset.UtcNow;
        _running.Set();
    }

    public void Kill()
    {
        _dead = true;
        _running.Set();
    }

    /// <summary>Called before every store operation: waits while paused, throws once dead.</summary>
    public void EnterStore()
    {
        _running.Wait(_teardown.Token);
        if (_dead)
        {
            throw new IOException("the store is unreachable: this test silo was killed");
        }
    }

    /// <summary>Called before every training step: waits while paused, and forever (until teardown) once dead.</summary>
    public void EnterStep()
    {
        _running.Wait(_teardown.Token);
        if (_dead)
        {
            _teardown.Token.WaitHandle.WaitOne();
            throw new OperationCanceledException("the test cluster was torn down");
        }
    }

    /// <summary>Lets every blocked thread of a dead or paused silo run to its end (teardown only).</summary>
    public void Release() => _teardown.Cancel();

    public void Dispose()
    {
        _teardown.Cancel();
        _teardown.Dispose();
        _running.Dispose();
    }
}
