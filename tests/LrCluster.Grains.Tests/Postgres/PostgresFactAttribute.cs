namespace LrCluster.Grains.Tests.Postgres;

/// <summary>A fact that needs a real PostgreSQL: skipped without LRC_TEST_POSTGRES, except in CI where it fails.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestEnvironment.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
