using LrCluster.Grains.Contracts;

namespace LrCluster.Silo.Gateway;

/// <summary>A sweep as listed: where it stands, without trials or results.</summary>
public sealed record SweepSummary(string Id, string Name, SweepState State, string? Error, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static SweepSummary From(SweepInfo s) => new(s.Id, s.Name, s.State, s.Error, s.CreatedAt, s.UpdatedAt);
}
