using Xunit.Sdk;

namespace LrCluster.Grains.Tests.Postgres;

/// <summary>
/// A fact of the store contract. The contract is written once in an abstract class and inherited by one class
/// per store, and an attribute on a method cannot see which class it runs in; the discoverer can, so it decides
/// the skip from the concrete class (see <see cref="RequiresPostgresAttribute"/>).
/// </summary>
[XunitTestCaseDiscoverer("LrCluster.Grains.Tests.Postgres.ContractFactDiscoverer", "LrCluster.Grains.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractFactAttribute : FactAttribute;
