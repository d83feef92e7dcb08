using LrCluster.Silo.Files;
using LrCluster.Silo.Gateway;
using LrCluster.Silo.Health;
using LrCluster.Silo.Hosting;
using LrCluster.Silo.Metrics;

try
{
    var flags = SiloFlags.Parse(args);
    if (flags.HelpRequested)
    {
        Console.Out.Write(SiloFlags.Usage);
        return 0;
    }

    var builder = WebApplication.CreateBuilder(flags.WebOptions());
    builder.AddLrcSilo(flags);
    builder.AddLrcDataRoots();
    builder.AddLrcMetrics();
    var app = builder.Build();
    app.CheckDataRoots();
    app.UseLrcSilo();
    app.MapHealth();
    app.MapMetrics();
    app.MapGateway();
    return await app.RunSiloAsync();
}
catch (SiloConfigException e)
{
    // Operators read this line in `kubectl logs`; a stack trace would bury it.
    Console.Error.WriteLine($"lrc-silo: {e.Message}");
    return SiloExitCodes.InvalidConfiguration;
}

/// <summary>The entry point, made public so the tests' WebApplicationFactory can host it.</summary>
public partial class Program;
