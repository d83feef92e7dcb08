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
    string? Error);
