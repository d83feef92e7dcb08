using LrCluster.Grains.Store;
using LrCluster.Grains.Tests.Postgres;

namespace LrCluster.Grains.Tests;

/// <summary>The store contract against the embedded SQLite store: both backends must behave the same.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lrc-contract-").FullName;

    protected override ISweepStore CreateStore() => new SqliteSweepStore(Path.Combine(_dir, "lrc.db"));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
