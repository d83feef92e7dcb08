using LrCluster.Grains.Store;
using LrCluster.Grains.Store.Postgres;

namespace LrCluster.Cluster.Tests.Orleans;

/// <summary>Where a test cluster keeps its state; every silo opens its own store instance over it.</summary>
internal abstract class StoreBackend : IDisposable
{
    public abstract string Name { get; }

    /// <summary>A new, migrated store instance (one per silo, plus one for the test's own reads).</summary>
    public abstract ISweepStore Open();

    public abstract void Dispose();

    public static StoreBackend Sqlite() => new SqliteBackend();

    public static StoreBackend Postgres() => new PostgresBackend();

    private sealed class SqliteBackend : StoreBackend
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("lrc-cluster-").FullName;

        public override string Name => "sqlite";

        public override ISweepStore Open()
        {
            var store = new SqliteSweepStore(Path.Combine(_dir, "lrc.db"));
            store.Migrate();
            return store;
        }

        public override void Dispose()
        {
            try
            {
                Directory.Delete(_dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private sealed class PostgresBackend : StoreBackend
    {
        private readonly PostgresSchema _schema = new();

        public override string Name => "postgres";

        public override ISweepStore Open()
        {
            var store = new PostgresSweepStore(_schema.Url);
            store.Migrate();
            return store;
        }

        public override void Dispose() => _schema.Dispose();
    }
}
