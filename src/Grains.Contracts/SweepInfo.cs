namespace LrCluster.Grains.Contracts;

/// <summary>A sweep as stored: its spec, state, decision and results (JSON as stored).</summary>
[GenerateSerializer, Immutable, Alias("lrc.SweepInfo")]
public sealed record SweepInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string SpecYaml,
    [property: Id(3)] string SpecFile,
    [property: Id(4)] SweepState State,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] string? DecisionJson,
    [property: Id(8)] string? ResultsJson,
    [property: Id(9)] string? Error)
{
    public bool IsFinal => State is SweepState.Completed or SweepState.Failed or SweepState.Cancelled;
}
