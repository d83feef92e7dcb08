using LrCluster.Core.Sweeps;
using LrCluster.Grains.Contracts;
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

    /// <summary>Enqueues a bare trial and claims it, as a silo would before writing anything for it.</summary>
    public TrialRef Claim(string sweepId, string trialId = "t", string silo = "silo-a")
    {
        Store.EnqueueTrial(new TrialRecord(sweepId, trialId, TrialPhase.RangeTest, "{}", TrialStatus.Pending, 0, 10, double.NaN, double.NaN, null));
        return Store.ClaimTrials(Silo(silo), 100).Single(l => l.Ref.TrialId == trialId).Ref;
    }

    /// <summary>A silo of the default cluster by name, with an address made up from it.</summary>
    public static SiloRef Silo(string name) => new(name, $"127.0.0.1:{11000 + name.Length}@{Math.Abs(name.GetHashCode(StringComparison.Ordinal)) % 100000}", SweepRecord.DefaultCluster);

    public void Dispose()
    {
        Store.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
