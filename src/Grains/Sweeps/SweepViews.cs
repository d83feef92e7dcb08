using System.Text.Json;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Sweeps;

/// <summary>Store rows as the grain contracts carry them (phases and statuses by their camelCase names).</summary>
public static class SweepViews
{
    public static SweepInfo Of(SweepRecord s) =>
        new(s.Id, s.Name, s.SpecYaml, s.SpecFile, s.State, s.CreatedAt, s.UpdatedAt, s.DecisionJson, s.ResultsJson, s.Error);

    public static TrialInfo Of(TrialRecord t, TrialProgressInfo? live = null) =>
        new(t.SweepId, t.Id, Name(t.Phase), t.DefinitionJson, Name(t.Status), live?.Step ?? t.Step, t.TotalSteps, live?.Lr ?? t.Lr,
            live?.Smoothed ?? t.Smoothed, t.Error, t.Owner, t.Epoch);

    public static PointInfo Of(Core.Sweeps.LossPoint p) => new(p.Step, p.Lr, p.Loss, p.Smoothed, p.Momentum);

    public static EpochInfo Of(Core.Sweeps.EpochPoint e) => new(e.Epoch, e.Lr, e.TrainLoss, e.ValLoss, e.ValMetric);

    public static EvaluationInfo Of(Core.Sweeps.EvaluationPoint e) => new(e.Step, e.Lr, e.ValLoss, e.ValMetric);

    /// <summary>An enum member as JSON names it (<c>RangeTest</c> -> <c>rangeTest</c>).</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
