using System.Net.Http.Headers;
using LrCluster.Training.Runners;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LrCluster.Silo.Tests;

/// <summary>
/// The silo in process, as production runs it (Production environment, same pipeline), on a temporary SQLite store,
/// an Orleans silo on localhost clustering (free ports), and a trainer that needs no libtorch.
/// </summary>
public class SiloFactory : WebApplicationFactory<Program>
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lrc-silo-test-").FullName;

    public SiloFactory()
        : this(Token, slots: 4, perStep: TimeSpan.Zero)
    {
    }

    protected SiloFactory(string? token, int slots, TimeSpan perStep)
    {
        ConfiguredToken = token;
        Slots = slots;
        PerStep = perStep;
    }

    public const string Token = "test-token-0123456789";

    public string? ConfiguredToken { get; }

    public int Slots { get; }

    public TimeSpan PerStep { get; }

    public string SiloName { get; } = $"test-{Guid.NewGuid():N}"[..13];

    /// <summary>The silo's SQLite file.</summary>
    public string StorePath => Path.Combine(_dir, "lrc.db");

    /// <summary>A client that sends the bearer token (when the silo has one).</summary>
    public HttpClient Api()
    {
        var client = CreateClient();
        if (ConfiguredToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConfiguredToken);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:Store"] = $"sqlite:{StorePath}",
            ["Silo:Slots"] = Slots.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo:Token"] = ConfiguredToken,
            ["Silo:Name"] = SiloName,
            ["Silo:EventIntervalMs"] = "50",
            ["Silo:Cluster:PollInterval"] = "00:00:00.100",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        builder.ConfigureTestServices(services => services.AddSingleton<ITrainerFactory>(
            PerStep > TimeSpan.Zero ? new PacedTrainerFactory(PerStep) : new AnalyticTrainerFactory()));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(_dir, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open only leaves a temporary folder behind.
            }
        }
    }
}
