using LrCluster.Core.Sweeps;

namespace LrCluster.Grains.Store;

/// <summary>A trial row: its fixed definition (JSON) and its latest progress.</summary>
public sealed record TrialRecord(
    string SweepId,
    string Id,
    TrialPhase Phase,
    string DefinitionJson,
    TrialStatus Status,
    long Step,
    long TotalSteps,
    double Lr,
    double Smoothed,
    string? Error,
    string? Owner = null,
    long Epoch = 0);
