namespace LrCluster.Cluster.Tests;

/// <summary>
/// The PostgreSQL server the cluster tests use: the URL in LRC_TEST_POSTGRES (from <c>scripts/postgres</c>). Without it
/// the PostgreSQL tests are skipped on a workstation but fail in CI (CI=true), as in LrCluster.Grains.Tests.
/// </summary>
public static class PostgresEnvironment
{
    public const string Variable = "LRC_TEST_POSTGRES";

    public static string? Url => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url ? url : null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? SkipReason => Url is null && !InCi
        ? $"{Variable} is not set; run `{Variable}=$(scripts/postgres) dotnet test ...` to run the cluster tests on PostgreSQL"
        : null;

    public static string RequireUrl() => Url ?? throw new InvalidOperationException(
        $"{Variable} is not set, and CI=true requires the PostgreSQL cluster tests to run: export {Variable}=$(scripts/postgres)");
}

/// <summary>A fact that needs a real PostgreSQL: skipped without LRC_TEST_POSTGRES, except in CI where it fails.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresEnvironment.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
