using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LrCluster.Grains.Hosting;

/// <summary>
/// A hosted service resolved only when the host starts it: the host builds every hosted service up front, before the
/// silo's store is open (it is opened by a hosted service that starts first).
/// </summary>
internal sealed class StartedLater<T>(IServiceProvider services) : IHostedService
    where T : IHostedService
{
    private T? _service;

    public Task StartAsync(CancellationToken cancellationToken) => (_service = services.GetRequiredService<T>()).StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _service?.StopAsync(cancellationToken) ?? Task.CompletedTask;
}
