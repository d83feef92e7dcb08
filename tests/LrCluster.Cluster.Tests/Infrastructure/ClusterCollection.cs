namespace LrCluster.Cluster.Tests;

/// <summary>
/// Every test here runs silos that poll, train and time failovers on a 2-core machine, and one of them restarts the
/// shared PostgreSQL server: they run one at a time, never beside each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
