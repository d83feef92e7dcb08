namespace LrCluster.Grains.Tests.Postgres;

/// <summary>
/// Where the PostgreSQL tests find their server: the URL in LRC_TEST_POSTGRES (scripts/test exports it from
/// scripts/postgres). Without it the tests are skipped on a workstation, but fail in CI (CI=true), so a broken
/// CI setup can never pass by skipping the cluster store.
/// </summary>
public static class PostgresTestEnvironment
{
    public const string Variable = "LRC_TEST_POSTGRES";

    public static string? Url => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url ? url : null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the PostgreSQL tests are skipped, or null when they must run.</summary>
    public static string? SkipReason => Url is null && !InCi
        ? $"{Variable} is not set; run `{Variable}=$(scripts/postgres) dotnet test ...` to test the PostgreSQL store"
        : null;

    public static string RequireUrl() => Url ?? throw new InvalidOperationException(
        $"{Variable} is not set, and CI=true requires the PostgreSQL store tests to run: export {Variable}=$(scripts/postgres) before `dotnet test`");
}
