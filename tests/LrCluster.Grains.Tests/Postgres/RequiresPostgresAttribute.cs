namespace LrCluster.Grains.Tests.Postgres;

/// <summary>
/// Marks a <see cref="StoreContractTests"/> subclass whose store is PostgreSQL, so that its inherited
/// <see cref="ContractFactAttribute"/> tests are skipped (or fail in CI) like <see cref="PostgresFactAttribute"/> ones.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPostgresAttribute : Attribute;
