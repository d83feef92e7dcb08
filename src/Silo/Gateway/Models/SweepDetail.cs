using System.Text.Json;
using LrCluster.Grains.Store;
using LrCluster.Silo.Hosting;

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
    public static SweepDetail From(SweepRecord s, IReadOnlyList<TrialRecord> trials, LiveProgress live) => new(
        s.Id, s.Name, s.State, s.Error, s.CreatedAt, s.UpdatedAt, s.SpecFile, s.SpecYaml,
        trials.Select(t => TrialView.From(t, live)).ToList(), StoredJson.Parse(s.DecisionJson), StoredJson.Parse(s.ResultsJson));
}
