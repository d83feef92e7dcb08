using System.Text.Json;
using LrCluster.Core.RangeTest;
using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Sweeps;

/// <summary>
/// The coordinator grain of one sweep: runs the range tests, decides (average, suggest, section), writes
/// the schedule of every cyclical config into its trial (the broadcast), runs those trials, ranks them,
/// completes. It is resumable: a coordinator reactivated on another silo re-enqueues (a no-op for trials
/// that exist), reuses a stored decision and goes on. Its writes to the sweep row are fenced by its lease.
/// </summary>
public sealed class SweepCoordinator(ISweepStore store, ITrainerFactory trainers, ITrialDispatcher dispatcher)
{
    /// <summary>Runs the sweep to a final state; returns the state, or the current one when interrupted (shutdown, lost lease, cancel).</summary>
    public async Task<SweepState> RunAsync(SweepLease lease, SweepSpec spec, CancellationToken cancellation)
    {
        var sweepId = lease.SweepId;
        try
        {
            SweepDecision? decision = null;
            if (spec.RangeTest is not null)
            {
                decision = StoredDecision(sweepId);
                if (decision is null)
                {
                    store.SetSweepState(sweepId, SweepState.RangeTest, fence: lease);
                    var trials = SweepPlan.RangeTests(spec);
                    await RunPhaseAsync(sweepId, spec, trials, cancellation);
                    store.SetSweepState(sweepId, SweepState.Deciding, fence: lease);
                    decision = Decide(sweepId, spec, trials);
                    store.SaveDecision(sweepId, JsonSerializer.Serialize(decision, Json.Options), lease);
                }

                if (spec.Clr is not null && decision.Section is null && spec.Clr.Configs.Any(c => c.MaxLr is null && spec.Clr.MaxLr is null))
                {
                    throw new SweepFailedException("the range test never saw the loss fall, so no LR section could be chosen; widen rangeTest.start/end or give clr.baseLr and clr.maxLr");
                }
            }

            if (spec.Clr is not null)
            {
                var trials = SweepPlan.Clr(spec, decision, trainers.TrainRows(spec));
                store.SetSweepState(sweepId, SweepState.Clr, fence: lease);
                await RunPhaseAsync(sweepId, spec, trials, cancellation);
                var rows = store.ListTrials(sweepId).ToDictionary(t => t.Id);
                var ranking = ClrRanking.Rank(trials.Select(t => ClrRanking.Summarize(t.Config!, t.Schedule!.Policy,
                    rows[t.Id].Status, store.ReadEpochs(sweepId, t.Id))));
                if (BaselineComparison.BaselineOf(trials.Select(t => (t.Config!, t.Schedule!.Policy))) is { } baseline)
                {
                    var evaluations = trials.ToDictionary(t => t.Config!, t => store.ReadEvaluations(sweepId, t.Id));
                    ranking = BaselineComparison.Apply(ranking, evaluations, baseline, ValidationMetric.HigherIsBetter(spec.Loss));
                }

                var results = new SweepResults(ranking, trials.ToDictionary(t => t.Config!, t => t.Schedule!));
                store.SaveResults(sweepId, JsonSerializer.Serialize(results, Json.Options), lease);
            }

            store.SetSweepState(sweepId, SweepState.Completed, fence: lease);
        }
        catch (OperationCanceledException)
        {
            // Cancelled by an operator (already written), or this silo is stopping / lost the lease:
            // either way this activation writes nothing more.
        }
        catch (SweepFailedException e)
        {
            store.SetSweepState(sweepId, SweepState.Failed, e.Message, lease);
        }

        return store.GetSweep(sweepId)?.State ?? SweepState.Failed;
    }

    private SweepDecision? StoredDecision(string sweepId) =>
        store.GetSweep(sweepId)?.DecisionJson is { } json ? JsonSerializer.Deserialize<SweepDecision>(json, Json.Options) : null;

    private async Task RunPhaseAsync(string sweepId, SweepSpec spec, IReadOnlyList<TrialDefinition> trials, CancellationToken cancellation)
    {
        var statuses = await dispatcher.RunAllAsync(sweepId, spec, trials, cancellation);
        var failed = trials.Zip(statuses).Where(p => p.Second is TrialStatus.Failed or TrialStatus.Cancelled).ToList();
        if (failed.Count > 0)
        {
            var errors = store.ListTrials(sweepId).Where(t => failed.Any(f => f.First.Id == t.Id)).Select(t => $"{t.Id}: {t.Error ?? t.Status.ToString()}");
            throw new SweepFailedException($"{failed.Count} trial(s) failed: {string.Join("; ", errors)}");
        }
    }

    private SweepDecision Decide(string sweepId, SweepSpec spec, IReadOnlyList<TrialDefinition> trials)
    {
        var points = store.ReadPointsOf(sweepId, trials.Select(t => t.Id).ToList());
        var curves = trials
            .GroupBy(t => t.Candidate)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<Curve>)g.Select(t => points[t.Id])
                    .Select(points => points.Where(p => double.IsFinite(p.Smoothed)).ToList())
                    .Select(points => new Curve(points.Select(p => p.Lr).ToList(), points.Select(p => p.Smoothed).ToList()))
                    .ToList());
        try
        {
            return Decider.Decide(spec.RangeTest!, curves);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new SweepFailedException(e.Message);
        }
    }
}
