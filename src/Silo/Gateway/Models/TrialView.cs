using System.Text.Json;
using LrCluster.Grains.Contracts;

namespace LrCluster.Silo.Gateway;

/// <summary>A trial's latest progress, who runs it (owner silo and claim epoch), and its definition (candidate, seed, the broadcast schedule).</summary>
public sealed record TrialView(
    string Id,
    string Phase,
    string Status,
    long Step,
    long TotalSteps,
    double Lr,
    double Smoothed,
    string? Owner,
    long Epoch,
    string? Error,
    JsonElement? Definition)
{
    public static TrialView From(TrialInfo t) =>
        new(t.Id, t.Phase, t.Status, t.Step, t.TotalSteps, t.Lr, t.Smoothed, t.Owner, t.Epoch, t.Error, StoredJson.Parse(t.DefinitionJson));
}
