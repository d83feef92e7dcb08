using LrCluster.Grains.Store;

namespace LrCluster.Silo.Hosting;

/// <summary>
/// What the host and the endpoints share: the store once it is open (PostgreSQL can come up after the silo, so it is
/// opened with retries before Orleans starts), whether Orleans has started, and why the process stopped if it did.
/// </summary>
public sealed class SiloRuntime : IDisposable
{
    private volatile ISweepStore? _store;
    private volatile bool _started;
    private volatile string? _failure;

    public bool IsOpen => _store is not null;

    /// <summary>True once the Orleans silo is active (role silo) or the client connected (role gateway).</summary>
    public bool IsStarted => _started;

    /// <summary>The open store; endpoints answer 503 through <see cref="StoreUnavailableException"/> until then.</summary>
    public ISweepStore Store => _store ?? throw new StoreUnavailableException();

    public string? Failure => _failure;

    public int FailureExitCode { get; private set; } = SiloExitCodes.Failure;

    public void Open(ISweepStore store) => _store = store;

    public void MarkStarted() => _started = true;

    public void Fail(string message, int exitCode)
    {
        FailureExitCode = exitCode;
        _failure = message;
    }

    public void Dispose() => _store?.Dispose();
}
