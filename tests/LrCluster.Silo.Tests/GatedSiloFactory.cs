using LrCluster.Training.Runners;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LrCluster.Silo.Tests;

/// <summary>A one-slot silo whose training steps the test can hold (<see cref="Gate"/>).</summary>
public sealed class GatedSiloFactory() : SiloFactory(Token, slots: 1, perStep: TimeSpan.FromMilliseconds(1))
{
    internal GatedTrainerFactory Gate { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ITrainerFactory>(Gate));
    }
}
