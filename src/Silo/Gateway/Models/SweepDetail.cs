using System.Text.Json;
using LrCluster.Grains.Contracts;

namespace LrCluster.Silo.Gateway;

/// <summary>One sweep in full: state, timestamps, the spec as submitted, every trial, and the decision and results as JSON once there.</summary>
public sealed record SweepDetail(
    string Id,
    string Name,
    SweepState State,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string SpecFile,
    string Spec,
    IReadOnlyList<TrialView> Trials,
    JsonElement? Decision,
    JsonElement? Results)
{
    public static SweepDetail From(SweepInfo s, IReadOnlyList<TrialInfo> trials) => new(
        s.Id, s.Name, s.State, s.Error, s.CreatedAt, s.UpdatedAt, s.SpecFile, s.SpecYaml,
        trials.Select(TrialView.From).ToList(), StoredJson.Parse(s.DecisionJson), StoredJson.Parse(s.ResultsJson));
}
