using LrCluster.Training.Runners;

namespace LrCluster.Silo.Files;

/// <summary>Registers the data-root rule and puts the silo's trainer factory behind it.</summary>
public static class DataRootExtensions
{
    /// <summary>
    /// Reads the roots before the silo listens: a root that is not an absolute path to a directory stops it with one line
    /// and exit code 2 (<see cref="Hosting.SiloConfigException"/>), like any other bad setting.
    /// </summary>
    public static WebApplication CheckDataRoots(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<DataRoots>();
        return app;
    }

    /// <summary>
    /// Call after the trainer factory is registered: it wraps the last registration. A gateway-role host trains nothing and
    /// has none; its submissions are still checked at submit.
    /// </summary>
    public static WebApplicationBuilder AddLrcDataRoots(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Read when first resolved, after the test host and every configuration source have had their say.
        services.AddSingleton(sp => DataRoots.Parse(sp.GetRequiredService<IConfiguration>()[DataRoots.Key]));

        var trainers = services.LastOrDefault(d => d.ServiceType == typeof(ITrainerFactory));
        if (trainers is null)
        {
            return builder;
        }

        services.Remove(trainers);
        services.AddSingleton<ITrainerFactory>(sp => new DataRootTrainerFactory(Create(sp, trainers), sp.GetRequiredService<DataRoots>()));
        return builder;
    }

    private static ITrainerFactory Create(IServiceProvider sp, ServiceDescriptor descriptor) => (ITrainerFactory)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(sp)
        ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));
}
