using System.Text.Json;
using LrCluster.Core.Diagnostics;
using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Grains;
using LrCluster.Grains.Store;
using LrCluster.Grains.Sweeps;

namespace LrCluster.Client.Reports;

/// <summary>Everything a report reads from a store (or a gateway), read once.</summary>
public sealed class ReportData
{
    private ReportData(SweepRecord sweep, SweepSpec? spec, SweepDecision? decision, SweepResults? results, IReadOnlyList<TrialRecord> trials,
        IReadOnlyDictionary<string, IReadOnlyList<LossPoint>> points, IReadOnlyDictionary<string, IReadOnlyList<EpochPoint>> epochs,
        IReadOnlyDictionary<string, IReadOnlyList<EvaluationPoint>> evaluations)
    {
        Sweep = sweep;
        Spec = spec;
        Decision = decision;
        Results = results;
        Trials = trials;
        Points = points;
        Epochs = epochs;
        Evaluations = evaluations;
    }

    public SweepRecord Sweep { get; }

    /// <summary>The spec as submitted, or null when it no longer parses (then the diagnostics that need it are skipped).</summary>
    public SweepSpec? Spec { get; }

    public SweepDecision? Decision { get; }

    public SweepResults? Results { get; }

    public IReadOnlyList<TrialRecord> Trials { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<LossPoint>> Points { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<EpochPoint>> Epochs { get; }

    /// <summary>Per cyclical trial: every held-out evaluation, or the epoch ends for sweeps recorded before evaluations were kept.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<EvaluationPoint>> Evaluations { get; }

    public static ReportData Read(ISweepReader store, string sweepId)
    {
        var sweep = store.GetSweep(sweepId) ?? throw new InvalidOperationException($"sweep {sweepId} is not in the store");
        var decision = sweep.DecisionJson is null ? null : JsonSerializer.Deserialize<SweepDecision>(sweep.DecisionJson, Json.Options);
        var results = sweep.ResultsJson is null ? null : JsonSerializer.Deserialize<SweepResults>(sweep.ResultsJson, Json.Options);
        var trials = store.ListTrials(sweepId);
        var points = trials.ToDictionary(t => t.Id, t => store.ReadPoints(sweepId, t.Id));
        var clr = trials.Where(t => t.Phase == TrialPhase.Clr).ToList();
        var epochs = clr.ToDictionary(t => t.Id, t => store.ReadEpochs(sweepId, t.Id));
        var evaluations = clr.ToDictionary(t => t.Id, t => WithEpochEnds(store.ReadEvaluations(sweepId, t.Id), epochs[t.Id], Definition(t).Schedule));
        return new ReportData(sweep, Parse(sweep), decision, results, trials, points, epochs, evaluations);
    }

    public static TrialDefinition Definition(TrialRecord trial) => JsonSerializer.Deserialize<TrialDefinition>(trial.DefinitionJson, Json.Options)!;

    /// <summary>The warnings of <see cref="SweepDiagnostics"/> on this sweep.</summary>
    public IReadOnlyList<SweepWarning> Diagnose()
    {
        if (Spec is null)
        {
            return [];
        }

        var runs = Trials.Where(t => t.Phase == TrialPhase.RangeTest)
            .Select(t => new RangeTestRun(t.Id, Definition(t).Candidate, t.Status, Points[t.Id]))
            .ToList();
        return SweepDiagnostics.Check(Spec, Decision, runs, Results?.Ranking, Results?.Schedules);
    }

    private static IReadOnlyList<EvaluationPoint> WithEpochEnds(IReadOnlyList<EvaluationPoint> stored, IReadOnlyList<EpochPoint> epochs, ScheduleParameters? schedule)
    {
        if (stored.Count > 0 || schedule is null || epochs.Count == 0)
        {
            return stored;
        }

        var perEpoch = schedule.TotalSteps / Math.Max(1, epochs.Max(e => e.Epoch));
        return epochs.Select(e => new EvaluationPoint(e.Epoch * perEpoch, e.Lr, e.ValLoss, e.ValMetric)).ToList();
    }

    private static SweepSpec? Parse(SweepRecord sweep)
    {
        try
        {
            // The files a spec names may be on another machine (a cluster's sweep) or gone: the report needs its numbers only.
            return SpecReader.Read(sweep.SpecYaml, sweep.SpecFile, checkFiles: false);
        }
        catch (SpecException)
        {
            return null;
        }
    }
}
