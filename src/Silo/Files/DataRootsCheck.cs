using LrCluster.Silo.Hosting;

namespace LrCluster.Silo.Files;

/// <summary>
/// Reads the data roots before the silo listens: a root that is not an absolute path to a directory stops it with one
/// line and exit code 2 (<see cref="SiloConfigException"/>), like any other bad setting.
/// </summary>
public sealed partial class DataRootsCheck(IServiceProvider services, ILogger<DataRootsCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var roots = services.GetRequiredService<DataRoots>();
        LogRoots(logger, roots.Roots.Count == 0 ? "none (file sources are refused)" : string.Join(", ", roots.Roots));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "data roots: {Roots}")]
    private static partial void LogRoots(ILogger logger, string roots);
}
