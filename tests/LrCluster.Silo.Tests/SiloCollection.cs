namespace LrCluster.Silo.Tests;

/// <summary>Tests that share one fast in-process silo (starting a host per class would cost more than the tests).</summary>
[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFactory>
{
    public const string Name = "fast silo";
}
