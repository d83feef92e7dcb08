using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace LrCluster.Silo.Tests;

/// <summary>A fast silo with one data root holding <c>table.csv</c>.</summary>
public sealed class DataRootSiloFactory : SiloFactory
{
    private readonly string _root = Directory.CreateTempSubdirectory("lrc-data-root-").FullName;

    public DataRootSiloFactory()
    {
        File.WriteAllText(Path.Combine(_root, "table.csv"), "x,y\n1,2\n3,4\n5,6\n7,8\n");
    }

    public string Root => _root;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?> { ["Silo:DataRoots"] = _root }));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // xunit may dispose the factory twice (DisposeAsync, then Dispose): the second call finds the folder gone.
        if (disposing && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
