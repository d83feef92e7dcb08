using System.Text.Json;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using LrCluster.Silo.Hosting;

namespace LrCluster.Silo.Gateway;

/// <summary>A trial's latest progress, who runs it (owner silo and lease epoch), and its definition (candidate, seed, the broadcast schedule).</summary>
public sealed record TrialView(
    string Id,
    TrialPhase Phase,
    TrialStatus Status,
    long Step,
    long TotalSteps,
    double Lr,
    double Smoothed,
    string? Owner,
    long Epoch,
    string? Error,
    JsonElement? Definition)
{
    /// <summary>The stored row, with this silo's live step, LR and smoothed loss where the trial runs here.</summary>
    public static TrialView From(TrialRecord t, LiveProgress live)
    {
        if (t.Status == TrialStatus.Running && live.Find(t.SweepId, t.Id) is { } p && p.Step > t.Step)
        {
            return new(t.Id, t.Phase, t.Status, p.Step, t.TotalSteps, p.Lr, p.Smoothed, t.Owner, t.Epoch, t.Error, StoredJson.Parse(t.DefinitionJson));
        }

        if (t.Status != TrialStatus.Running)
        {
            live.Forget(t.SweepId, t.Id);
        }

        return new(t.Id, t.Phase, t.Status, t.Step, t.TotalSteps, t.Lr, t.Smoothed, t.Owner, t.Epoch, t.Error, StoredJson.Parse(t.DefinitionJson));
    }
}
