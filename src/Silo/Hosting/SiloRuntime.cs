using LrCluster.Grains.Store;

namespace LrCluster.Silo.Hosting;

/// <summary>
/// What the hosted service and the endpoints share: the store once it is open (it may take a while:
/// PostgreSQL can come up after the silo), and why the silo stopped if it stopped on its own.
/// </summary>
public sealed class SiloRuntime : IDisposable
{
    private volatile ISweepStore? _store;
    private volatile string? _failure;

    public bool IsOpen => _store is not null;

    /// <summary>The open store; endpoints answer 503 through <see cref="StoreUnavailableException"/> until then.</summary>
    public ISweepStore Store => _store ?? throw new StoreUnavailableException();

    public string? Failure => _failure;

    public int FailureExitCode { get; private set; } = SiloExitCodes.Failure;

    public void Open(ISweepStore store) => _store = store;

    public void Fail(string message, int exitCode)
    {
        FailureExitCode = exitCode;
        _failure = message;
    }

    public void Dispose() => _store?.Dispose();
}
