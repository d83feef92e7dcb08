using LrCluster.Grains.Store;
using LrCluster.Grains.Store.Postgres;

namespace LrCluster.Grains.Tests.Postgres;

/// <summary>The store contract against a real PostgreSQL, each test in a schema of its own.</summary>
[RequiresPostgres]
public sealed class PostgresStoreContractTests : StoreContractTests
{
    private PostgresTestDatabase? _database;

    protected override ISweepStore CreateStore()
    {
        // Created on first use rather than in the constructor, so that a missing LRC_TEST_POSTGRES in CI fails the
        // test with its message instead of as a constructor error.
        _database ??= new PostgresTestDatabase();
        return new PostgresSweepStore(_database.ConnectionString);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database?.Dispose();
        }
    }
}
