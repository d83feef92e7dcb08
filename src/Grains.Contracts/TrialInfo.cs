namespace LrCluster.Grains.Contracts;

/// <summary>
/// A trial row: phase and status as their camelCase names (<c>rangeTest</c>, <c>running</c>), its definition JSON, latest
/// progress, the silo that owns it and the epoch of its current claim.
/// </summary>
[GenerateSerializer, Immutable, Alias("lrc.TrialInfo")]
public sealed record TrialInfo(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string Id,
    [property: Id(2)] string Phase,
    [property: Id(3)] string DefinitionJson,
    [property: Id(4)] string Status,
    [property: Id(5)] long Step,
    [property: Id(6)] long TotalSteps,
    [property: Id(7)] double Lr,
    [property: Id(8)] double Smoothed,
    [property: Id(9)] string? Error,
    [property: Id(10)] string? Owner,
    [property: Id(11)] long Epoch);
