namespace LrCluster.Grains.Store;

/// <summary>A sweep row: its spec as submitted, where it is, and the decision once made (JSON).</summary>
public sealed record SweepRecord(
    string Id,
    string Name,
    string SpecYaml,
    string SpecFile,
    SweepState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? DecisionJson,
    string? ResultsJson,
    string? Error,
    string ClusterId = SweepRecord.DefaultCluster)
{
    /// <summary>The cluster id silos use unless configured otherwise (<c>--cluster-id</c>).</summary>
    public const string DefaultCluster = "lrc";

    public bool IsFinal => State is SweepState.Completed or SweepState.Failed or SweepState.Cancelled;

    /// <summary>A new sweep id: the spec name, the UTC time to the second and 48 random bits, so ids sort by time and never collide in practice.</summary>
    public static string NewId(string name, DateTimeOffset now) =>
        $"{name}-{now.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6))}";
}
