using LrCluster.Grains.Store;

namespace LrCluster.Grains.Tests;

/// <summary>A migrated SQLite store in a temporary folder, deleted on dispose.</summary>
internal sealed class TempStore : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lrc-test-").FullName;

    public TempStore()
    {
        Store = new SqliteSweepStore(Path.Combine(_dir, "lrc.db"));
        Store.Migrate();
    }

    public SqliteSweepStore Store { get; }

    public string CreateSweep(string yaml)
    {
        var id = $"s{Guid.NewGuid():N}"[..12];
        Store.CreateSweep(new SweepRecord(id, "test", yaml, "test.yaml", SweepState.Pending, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null, null));
        return id;
    }

    public void Dispose()
    {
        Store.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
