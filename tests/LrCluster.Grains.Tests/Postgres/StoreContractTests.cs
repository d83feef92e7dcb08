using System.Collections.Concurrent;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Tests.Postgres;

/// <summary>
/// The semantics every <see cref="ISweepStore"/> must give the grains, written once and run against each store by
/// a subclass: fencing, claims, the queue, dead silos' work going back to it, idempotent points, checkpoints and
/// migrations.
/// </summary>
public abstract class StoreContractTests : IDisposable
{
    protected static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<ISweepStore> _stores = [];
    private ISweepStore? _store;

    /// <summary>The migrated store most tests use.</summary>
    protected ISweepStore Store => _store ??= Open();

    /// <summary>
    /// A new, not yet migrated store over this test's own database, empty when the test starts. Every call gives
    /// another instance over the same database (another silo), with its own connections.
    /// </summary>
    protected abstract ISweepStore CreateStore();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var store in _stores)
            {
                store.Dispose();
            }
        }
    }

    [ContractFact]
    public void Migrating_twice_keeps_the_data()
    {
        var id = NewSweep();

        Store.Migrate();

        Assert.Equal(SweepState.RangeTest, Store.GetSweep(id)!.State);
    }

    [ContractFact]
    public async Task Several_stores_can_migrate_an_empty_database_at_once()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => Unmigrated()).ToArray();
        using var start = new Barrier(stores.Length);

        await Task.WhenAll(stores.Select(s => Task.Run(() =>
        {
            start.SignalAndWait();
            s.Migrate();
        })));

        var id = NewSweep(stores[0]);
        Assert.NotNull(stores[3].GetSweep(id));
    }

    [ContractFact]
    public void A_sweep_round_trips()
    {
        var sweep = new SweepRecord("s1", "name", "spec: yaml\n", "spec.yaml", SweepState.RangeTest, T0, T0, null, null, null);

        Store.CreateSweep(sweep);

        Assert.Equal(sweep, Store.GetSweep("s1"));
        Assert.Null(Store.GetSweep("nope"));
    }

    [ContractFact]
    public void Timestamps_with_an_offset_keep_their_instant()
    {
        var at = new DateTimeOffset(2025, 6, 1, 14, 0, 0, TimeSpan.FromHours(2));
        Store.CreateSweep(new SweepRecord("s1", "n", "y", "f", SweepState.Pending, at, at, null, null, null));

        Assert.Equal(at.UtcDateTime, Store.GetSweep("s1")!.CreatedAt.UtcDateTime);
    }

    [ContractFact]
    public void Sweeps_are_listed_newest_first_up_to_the_limit()
    {
        NewSweep(id: "old", createdAt: T0);
        NewSweep(id: "new", createdAt: T0.AddMinutes(2));
        NewSweep(id: "mid", createdAt: T0.AddMinutes(1));

        Assert.Equal(["new", "mid"], Store.ListSweeps(2).Select(s => s.Id));
        Assert.Equal(3, Store.ListSweeps(10).Count);
    }

    [ContractFact]
    public void Sweep_state_decision_and_results_are_saved_and_an_error_is_kept()
    {
        var id = NewSweep();

        Store.SetSweepState(id, SweepState.Failed, "out of memory");
        Store.SetSweepState(id, SweepState.Cancelled);
        Store.SaveDecision(id, "{\"maxLr\":0.1}");
        Store.SaveResults(id, "[1,2]");

        var sweep = Store.GetSweep(id)!;
        Assert.Equal(SweepState.Cancelled, sweep.State);
        Assert.Equal("out of memory", sweep.Error);
        Assert.Equal("{\"maxLr\":0.1}", sweep.DecisionJson);
        Assert.Equal("[1,2]", sweep.ResultsJson);
        Assert.NotEqual(sweep.CreatedAt, sweep.UpdatedAt);
    }

    [ContractFact]
    public void An_enqueued_trial_is_pending_at_epoch_zero_and_enqueueing_again_changes_nothing()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "rt-a", TrialPhase.RangeTest) with { Status = TrialStatus.Completed, Owner = "x", Epoch = 9 });

        var fresh = Assert.Single(Store.ListTrials(id));
        Assert.Equal((TrialStatus.Pending, (string?)null, 0L), (fresh.Status, fresh.Owner, fresh.Epoch));
        Assert.Equal("{\"def\":\"rt-a\"}", fresh.DefinitionJson);

        var lease = Assert.Single(Store.ClaimTrials(Silo("silo-a"), 10));
        Store.EnqueueTrial(Trial(id, "rt-a", TrialPhase.RangeTest) with { DefinitionJson = "{\"changed\":true}" });

        var trial = Assert.Single(Store.ListTrials(id));
        Assert.Equal((TrialStatus.Running, "silo-a", lease.Ref.Epoch), (trial.Status, trial.Owner, trial.Epoch));
        Assert.Equal("{\"def\":\"rt-a\"}", trial.DefinitionJson);
    }

    [ContractFact]
    public void A_phase_enqueued_at_once_adds_the_new_trials_and_leaves_existing_ones_alone()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "rt-a", TrialPhase.RangeTest));
        var lease = Assert.Single(Store.ClaimTrials(Silo("silo-a"), 10));

        Store.EnqueueTrials([Trial(id, "rt-a", TrialPhase.RangeTest) with { DefinitionJson = "{\"changed\":true}" },
            Trial(id, "rt-b", TrialPhase.RangeTest), Trial(id, "rt-c", TrialPhase.RangeTest)]);
        Store.EnqueueTrials([]);

        var trials = Store.ListTrials(id).ToDictionary(t => t.Id);
        Assert.Equal(["rt-a", "rt-b", "rt-c"], trials.Keys.Order());
        Assert.Equal((TrialStatus.Running, lease.Ref.Epoch, "{\"def\":\"rt-a\"}"), (trials["rt-a"].Status, trials["rt-a"].Epoch, trials["rt-a"].DefinitionJson));
        Assert.Equal((TrialStatus.Pending, 0L, "{\"def\":\"rt-b\"}"), (trials["rt-b"].Status, trials["rt-b"].Epoch, trials["rt-b"].DefinitionJson));
    }

    [ContractFact]
    public void Unfinished_trials_are_looked_for_per_phase()
    {
        var id = NewSweep();
        Store.EnqueueTrials([Trial(id, "rt-a", TrialPhase.RangeTest), Trial(id, "rt-b", TrialPhase.RangeTest), Trial(id, "clr-a", TrialPhase.Clr)]);
        var leases = Store.ClaimTrials(Silo("silo-a"), 3).ToDictionary(l => l.Ref.TrialId);

        Store.UpdateTrialProgress(leases["rt-a"].Ref, TrialStatus.Completed, 5, 0.1, 1);
        var oneLeft = Store.AnyUnfinishedTrials(id, TrialPhase.RangeTest);
        Store.FinishTrial(leases["rt-b"].Ref, [], TrialStatus.Diverged, 3, 0.5, double.PositiveInfinity);

        Assert.True(oneLeft);
        Assert.False(Store.AnyUnfinishedTrials(id, TrialPhase.RangeTest));
        Assert.True(Store.AnyUnfinishedTrials(id, TrialPhase.Clr));
        Assert.False(Store.AnyUnfinishedTrials("no-such-sweep", TrialPhase.Clr));
    }

    [ContractFact]
    public void Trials_are_listed_range_tests_first_then_by_id()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "clr-b", TrialPhase.Clr));
        Store.EnqueueTrial(Trial(id, "rt-b", TrialPhase.RangeTest));
        Store.EnqueueTrial(Trial(id, "clr-a", TrialPhase.Clr));
        Store.EnqueueTrial(Trial(id, "rt-a", TrialPhase.RangeTest));

        Assert.Equal(["rt-a", "rt-b", "clr-a", "clr-b"], Store.ListTrials(id).Select(t => t.Id));
    }

    [ContractFact]
    public void A_claim_marks_the_trial_running_for_the_silo_under_a_new_epoch()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "rt-a", TrialPhase.RangeTest));

        var lease = Assert.Single(Store.ClaimTrials(Silo("silo-a"), 4));

        Assert.Equal(new TrialRef(id, "rt-a", 1), lease.Ref);
        Assert.Equal(TrialPhase.RangeTest, lease.Phase);
        Assert.Equal("{\"def\":\"rt-a\"}", lease.DefinitionJson);
        var trial = Assert.Single(Store.ListTrials(id));
        Assert.Equal((TrialStatus.Running, "silo-a", 1L), (trial.Status, trial.Owner, trial.Epoch));
    }

    [ContractFact]
    public void A_claim_takes_at_most_max_trials_oldest_sweep_first_then_by_trial_id()
    {
        var newer = NewSweep(createdAt: T0.AddMinutes(1));
        var older = NewSweep(createdAt: T0);
        foreach (var t in new[] { "c", "a", "b" })
        {
            Store.EnqueueTrial(Trial(newer, t, TrialPhase.RangeTest));
            Store.EnqueueTrial(Trial(older, t, TrialPhase.RangeTest));
        }

        var first = Store.ClaimTrials(Silo("silo-a"), 4);
        var second = Store.ClaimTrials(Silo("silo-a"), 4);

        Assert.Equal([(older, "a"), (older, "b"), (older, "c"), (newer, "a")], first.Select(l => (l.Ref.SweepId, l.Ref.TrialId)));
        Assert.Equal([(newer, "b"), (newer, "c")], second.Select(l => (l.Ref.SweepId, l.Ref.TrialId)));
        Assert.Empty(Store.ClaimTrials(Silo("silo-a"), 4));
        Assert.Empty(Store.ClaimTrials(Silo("silo-a"), 0));
    }

    [ContractFact]
    public void Trials_of_cancelled_failed_or_completed_sweeps_are_never_claimed()
    {
        foreach (var state in new[] { SweepState.Cancelled, SweepState.Failed, SweepState.Completed })
        {
            var id = NewSweep();
            Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
            Store.SetSweepState(id, state);
        }

        var live = NewSweep();
        Store.EnqueueTrial(Trial(live, "t", TrialPhase.Clr));

        var lease = Assert.Single(Store.ClaimTrials(Silo("silo-a"), 10));
        Assert.Equal(live, lease.Ref.SweepId);
    }

    [ContractFact]
    public async Task Concurrent_claimers_never_get_the_same_trial()
    {
        var id = NewSweep();
        const int trials = 120;
        for (var i = 0; i < trials; i++)
        {
            Store.EnqueueTrial(Trial(id, $"t{i:D3}", TrialPhase.RangeTest));
        }

        var silos = Enumerable.Range(0, 4).Select(_ => Open()).ToArray();
        var claimed = new ConcurrentBag<(string Silo, TrialLease Lease)>();
        using var start = new Barrier(silos.Length);

        await Task.WhenAll(silos.Select((store, i) => Task.Run(() =>
        {
            start.SignalAndWait();
            while (store.ClaimTrials(Silo($"silo-{i}"), 3) is { Count: > 0 } got)
            {
                foreach (var lease in got)
                {
                    claimed.Add(($"silo-{i}", lease));
                }
            }
        })));

        Assert.Empty(Store.ClaimTrials(Silo("late"), trials));
        Assert.Equal(trials, claimed.Count);
        Assert.Equal(trials, claimed.Select(c => c.Lease.Ref.TrialId).Distinct().Count());
        Assert.All(claimed, c => Assert.Equal(1, c.Lease.Ref.Epoch));
        var owners = Store.ListTrials(id).ToDictionary(t => t.Id, t => t.Owner);
        Assert.All(claimed, c => Assert.Equal(c.Silo, owners[c.Lease.Ref.TrialId]));
    }

    [ContractFact]
    public void A_released_trial_is_pending_again_and_its_next_claim_gets_the_next_epoch()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        var lease = Assert.Single(Store.ClaimTrials(Silo("silo-a"), 1));

        Store.ReleaseLease(lease.Ref);

        var trial = Assert.Single(Store.ListTrials(id));
        Assert.Equal((TrialStatus.Pending, (string?)null, 1L), (trial.Status, trial.Owner, trial.Epoch));
        Assert.Throws<LeaseLostException>(() => Store.WritePoints(lease.Ref with { Epoch = 0 }, [new LossPoint(0, 0.1, 1, 1)]));
        var next = Assert.Single(Store.ClaimTrials(Silo("silo-b"), 1));
        Assert.Equal(2, next.Ref.Epoch);
        Assert.Throws<LeaseLostException>(() => Store.WritePoints(lease.Ref, [new LossPoint(0, 0.1, 1, 1)]));
    }

    [ContractFact]
    public void Releasing_a_stale_lease_changes_nothing()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        var old = Assert.Single(Store.ClaimTrials(Silo("silo-a"), 1));
        Store.RequeueTrialsOf([Silo("silo-a").Address]);
        var current = Assert.Single(Store.ClaimTrials(Silo("silo-b"), 1));

        Store.ReleaseLease(old.Ref);

        var trial = Assert.Single(Store.ListTrials(id));
        Assert.Equal((TrialStatus.Running, "silo-b", current.Ref.Epoch), (trial.Status, trial.Owner, trial.Epoch));
    }

    [ContractFact]
    public void Releasing_a_finished_trial_does_not_make_it_run_again()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        var lease = Assert.Single(Store.ClaimTrials(Silo("silo-a"), 1));
        Store.UpdateTrialProgress(lease.Ref, TrialStatus.Completed, 100, 0.1, 1.0);

        Store.ReleaseLease(lease.Ref);

        Assert.Equal(TrialStatus.Completed, Assert.Single(Store.ListTrials(id)).Status);
        Assert.Empty(Store.ClaimTrials(Silo("silo-b"), 1));
    }

    [ContractFact]
    public void Every_trial_write_under_a_stale_epoch_is_refused_and_writes_nothing()
    {
        var (id, lease) = ClaimedTrial();
        var stale = lease.Ref with { Epoch = lease.Ref.Epoch - 1 };
        var newer = lease.Ref with { Epoch = lease.Ref.Epoch + 1 };

        foreach (var bad in new[] { stale, newer })
        {
            Assert.Throws<LeaseLostException>(() => Store.UpdateTrialProgress(bad, TrialStatus.Failed, 99, 9, 9, "stale"));
            Assert.Throws<LeaseLostException>(() => Store.WritePoints(bad, [new LossPoint(0, 0.1, 9, 9)]));
            Assert.Throws<LeaseLostException>(() => Store.WriteEpoch(bad, new EpochPoint(0, 0.1, 9, 9, 9)));
            Assert.Throws<LeaseLostException>(() => Store.WriteEvaluation(bad, new EvaluationPoint(5, 0.1, 9, 9)));
            Assert.Throws<LeaseLostException>(() => Store.WriteCheckpoint(bad, [new LossPoint(0, 0.1, 9, 9)], new TrialCheckpoint(1, [1, 2, 3])));
            Assert.Throws<LeaseLostException>(() => Store.FinishTrial(bad, [new LossPoint(0, 0.1, 9, 9)], TrialStatus.Completed, 1, 0.1, 9));
        }

        var trial = Assert.Single(Store.ListTrials(id));
        Assert.Equal((TrialStatus.Running, 0L, (string?)null), (trial.Status, trial.Step, trial.Error));
        Assert.Empty(Store.ReadPoints(id, "t"));
        Assert.Empty(Store.ReadEpochs(id, "t"));
        Assert.Empty(Store.ReadEvaluations(id, "t"));
        Assert.Null(Store.ReadCheckpoint(id, "t"));
    }

    [ContractFact]
    public void Writes_to_a_trial_that_was_never_claimed_are_refused()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        var unclaimed = new TrialRef(id, "t", 0);

        Assert.Throws<LeaseLostException>(() => Store.WritePoints(unclaimed, [new LossPoint(0, 0.1, 1, 1)]));
        Assert.Throws<LeaseLostException>(() => Store.FinishTrial(unclaimed, [], TrialStatus.Completed, 0, 0.1, 1));
        Assert.Empty(Store.ReadPoints(id, "t"));
        Assert.Equal(TrialStatus.Pending, Assert.Single(Store.ListTrials(id)).Status);
    }

    [ContractFact]
    public void Writes_to_a_trial_that_was_never_enqueued_are_refused()
    {
        var id = NewSweep();
        var ghost = new TrialRef(id, "ghost", 0);

        Assert.Throws<LeaseLostException>(() => Store.WritePoints(ghost, [new LossPoint(0, 0.1, 1, 1)]));
        Assert.Empty(Store.ReadPoints(id, "ghost"));
    }

    [ContractFact]
    public void Progress_is_recorded_and_an_earlier_error_is_kept()
    {
        var (id, lease) = ClaimedTrial();

        Store.UpdateTrialProgress(lease.Ref, TrialStatus.Running, 10, 0.01, 2.5, "warning");
        Store.UpdateTrialProgress(lease.Ref, TrialStatus.Diverged, 20, 0.02, double.PositiveInfinity);

        var trial = Assert.Single(Store.ListTrials(id));
        Assert.Equal((TrialStatus.Diverged, 20L, 0.02, double.PositiveInfinity, "warning"), (trial.Status, trial.Step, trial.Lr, trial.Smoothed, trial.Error));
    }

    [ContractFact]
    public void Finishing_a_trial_writes_its_last_points_and_its_final_status_together()
    {
        var (id, lease) = ClaimedTrial();
        Store.WritePoints(lease.Ref, [new LossPoint(0, 0.1, 2.0, 2.0), new LossPoint(1, 0.2, 1.5, 1.8)]);

        // Step 1 again (a replay) and step 2: the replay overwrites, the status lands with the points.
        Store.FinishTrial(lease.Ref, [new LossPoint(1, 0.2, 1.4, 1.7), new LossPoint(2, 0.3, 1.2, 1.5)], TrialStatus.Completed, 3, 0.3, 1.5);

        Assert.Equal([new LossPoint(0, 0.1, 2.0, 2.0), new LossPoint(1, 0.2, 1.4, 1.7), new LossPoint(2, 0.3, 1.2, 1.5)], Store.ReadPoints(id, "t"));
        var trial = Assert.Single(Store.ListTrials(id));
        Assert.Equal((TrialStatus.Completed, 3L, 0.3, 1.5), (trial.Status, trial.Step, trial.Lr, trial.Smoothed));
        Assert.False(Store.AnyUnfinishedTrials(id, TrialPhase.RangeTest));
        Assert.Empty(Store.ClaimTrials(Silo("silo-b"), 1));
    }

    [ContractFact]
    public void Finishing_a_trial_with_no_points_left_records_the_status_and_the_error()
    {
        var (id, lease) = ClaimedTrial();

        Store.FinishTrial(lease.Ref, [], TrialStatus.Failed, 0, double.NaN, double.NaN, "CUDA out of memory");

        var trial = Assert.Single(Store.ListTrials(id));
        Assert.Equal((TrialStatus.Failed, "CUDA out of memory"), (trial.Status, trial.Error));
        Assert.Empty(Store.ReadPoints(id, "t"));
    }

    [ContractFact]
    public void A_replayed_step_overwrites_its_point_instead_of_duplicating_it()
    {
        var (id, lease) = ClaimedTrial();
        Store.WritePoints(lease.Ref, [new LossPoint(0, 0.1, 2.0, 2.0), new LossPoint(1, 0.2, 1.5, 1.8, 0.9)]);

        Store.WritePoints(lease.Ref, [new LossPoint(1, 0.2, 1.4, 1.7), new LossPoint(2, 0.3, 1.2, 1.5)]);
        Store.WritePoints(lease.Ref, [new LossPoint(1, 0.2, 1.4, 1.7), new LossPoint(2, 0.3, 1.2, 1.5)]);

        Assert.Equal(
            [new LossPoint(0, 0.1, 2.0, 2.0), new LossPoint(1, 0.2, 1.4, 1.7), new LossPoint(2, 0.3, 1.2, 1.5)],
            Store.ReadPoints(id, "t"));
    }

    [ContractFact]
    public void A_batch_with_a_step_twice_keeps_the_last_one()
    {
        var (id, lease) = ClaimedTrial();

        Store.WritePoints(lease.Ref, [new LossPoint(2, 0.3, 3, 3), new LossPoint(1, 0.2, 1, 1), new LossPoint(2, 0.3, 2, 2)]);

        Assert.Equal([new LossPoint(1, 0.2, 1, 1), new LossPoint(2, 0.3, 2, 2)], Store.ReadPoints(id, "t"));
    }

    [ContractFact]
    public void Points_are_kept_per_trial()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "a", TrialPhase.RangeTest));
        Store.EnqueueTrial(Trial(id, "b", TrialPhase.RangeTest));
        var leases = Store.ClaimTrials(Silo("silo-a"), 2);

        Store.WritePoints(leases[0].Ref, [new LossPoint(0, 0.1, 1, 1)]);
        Store.WritePoints(leases[1].Ref, [new LossPoint(0, 0.1, 2, 2)]);

        Assert.Equal(1.0, Assert.Single(Store.ReadPoints(id, "a")).Loss);
        Assert.Equal(2.0, Assert.Single(Store.ReadPoints(id, "b")).Loss);
        Assert.Empty(Store.ReadPoints(id, "c"));
    }

    [ContractFact]
    public void Points_of_several_trials_are_read_in_one_call_each_trial_in_step_order()
    {
        var id = NewSweep();
        var other = NewSweep();
        foreach (var trial in new[] { "a", "b", "c" })
        {
            Store.EnqueueTrial(Trial(id, trial, TrialPhase.RangeTest));
        }

        Store.EnqueueTrial(Trial(other, "a", TrialPhase.RangeTest));
        var leases = Store.ClaimTrials(Silo("silo-a"), 4).ToDictionary(l => (l.Ref.SweepId, l.Ref.TrialId));
        Store.WritePoints(leases[(id, "a")].Ref, [new LossPoint(1, 0.2, 1.5, 1.5), new LossPoint(0, 0.1, 1, 1, 0.9)]);
        Store.WritePoints(leases[(id, "b")].Ref, [new LossPoint(0, 0.1, 2, 2)]);
        Store.WritePoints(leases[(other, "a")].Ref, [new LossPoint(0, 0.1, 9, 9)]);

        var points = Store.ReadPointsOf(id, ["a", "b", "c"]);

        Assert.Equal(["a", "b", "c"], points.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([new LossPoint(0, 0.1, 1, 1, 0.9), new LossPoint(1, 0.2, 1.5, 1.5)], points["a"]);
        Assert.Equal(Store.ReadPoints(id, "b"), points["b"]);
        Assert.Empty(points["c"]);
        Assert.Equal(["b"], Store.ReadPointsOf(id, ["b"]).Keys);
    }

    [ContractFact]
    public void Non_finite_values_round_trip()
    {
        var (id, lease) = ClaimedTrial();

        Store.WritePoints(lease.Ref, [
            new LossPoint(0, 0.1, double.NaN, double.NaN, 0.9),
            new LossPoint(1, 0.2, double.PositiveInfinity, double.NegativeInfinity, null),
        ]);
        Store.WriteEpoch(lease.Ref, new EpochPoint(0, 0.1, double.NaN, double.PositiveInfinity, double.NaN));
        Store.UpdateTrialProgress(lease.Ref, TrialStatus.Diverged, 1, double.NaN, double.NaN);

        var points = Store.ReadPoints(id, "t");
        Assert.True(double.IsNaN(points[0].Loss) && double.IsNaN(points[0].Smoothed));
        Assert.Equal(0.9, points[0].Momentum);
        Assert.Equal((double.PositiveInfinity, double.NegativeInfinity, (double?)null), (points[1].Loss, points[1].Smoothed, points[1].Momentum));
        var epoch = Assert.Single(Store.ReadEpochs(id, "t"));
        Assert.True(double.IsNaN(epoch.TrainLoss) && double.IsPositiveInfinity(epoch.ValLoss) && double.IsNaN(epoch.ValMetric));
        var trial = Assert.Single(Store.ListTrials(id));
        Assert.True(double.IsNaN(trial.Lr) && double.IsNaN(trial.Smoothed));
    }

    [ContractFact]
    public void Epoch_points_are_upserted_by_epoch()
    {
        var (id, lease) = ClaimedTrial();

        Store.WriteEpoch(lease.Ref, new EpochPoint(1, 0.1, 1.0, 1.1, 0.5));
        Store.WriteEpoch(lease.Ref, new EpochPoint(0, 0.1, 2.0, 2.1, 0.4));
        Store.WriteEpoch(lease.Ref, new EpochPoint(1, 0.1, 0.9, 1.0, 0.6));

        Assert.Equal([new EpochPoint(0, 0.1, 2.0, 2.1, 0.4), new EpochPoint(1, 0.1, 0.9, 1.0, 0.6)], Store.ReadEpochs(id, "t"));
    }

    [ContractFact]
    public void Evaluations_are_upserted_by_step_and_read_in_step_order_per_trial()
    {
        var (id, lease) = ClaimedTrial();

        Store.WriteEvaluation(lease.Ref, new EvaluationPoint(20, 0.02, 0.5, 0.8));
        Store.WriteEvaluation(lease.Ref, new EvaluationPoint(5, 0.01, 0.9, 0.6));
        Store.WriteEvaluation(lease.Ref, new EvaluationPoint(20, 0.02, 0.4, 0.85));
        Store.WriteEvaluation(lease.Ref, new EvaluationPoint(25, double.NaN, double.PositiveInfinity, double.NaN));

        var read = Store.ReadEvaluations(id, "t");
        Assert.Equal([new EvaluationPoint(5, 0.01, 0.9, 0.6), new EvaluationPoint(20, 0.02, 0.4, 0.85)], read.Take(2));
        Assert.True(double.IsNaN(read[2].Lr) && double.IsPositiveInfinity(read[2].ValLoss) && double.IsNaN(read[2].ValMetric));
        Assert.Empty(Store.ReadEvaluations(id, "other"));
    }

    [ContractFact]
    public void A_checkpoint_inside_an_epoch_keeps_that_epochs_loss_sum_bit_for_bit()
    {
        var (id, lease) = ClaimedTrial();
        var sum = 0.1 + 0.2 + (1.0 / 3);

        Store.WriteCheckpoint(lease.Ref, [], new TrialCheckpoint(15, [1], null, sum));
        var inside = Store.ReadCheckpoint(id, "t")!;
        Store.WriteCheckpoint(lease.Ref, [], new TrialCheckpoint(22, [2]));

        Assert.Equal(BitConverter.DoubleToInt64Bits(sum), BitConverter.DoubleToInt64Bits(inside.EpochLossSum!.Value));
        Assert.Null(Store.ReadCheckpoint(id, "t")!.EpochLossSum);
    }

    [ContractFact]
    public void A_checkpoint_round_trips_with_its_points_and_is_replaced_by_the_next()
    {
        var (id, lease) = ClaimedTrial();
        Assert.Null(Store.ReadCheckpoint(id, "t"));

        Store.WriteCheckpoint(lease.Ref, [new LossPoint(0, 0.1, 1, 1), new LossPoint(1, 0.2, 0.9, 0.95)], new TrialCheckpoint(2, [0, 1, 255], "{\"plateau\":1}"));
        var first = Store.ReadCheckpoint(id, "t")!;
        Store.WriteCheckpoint(lease.Ref, [], new TrialCheckpoint(5, [7]));

        Assert.Equal((2L, "{\"plateau\":1}"), (first.NextStep, first.ScheduleState));
        Assert.Equal([0, 1, 255], first.State);
        var second = Store.ReadCheckpoint(id, "t")!;
        Assert.Equal((5L, (string?)null), (second.NextStep, second.ScheduleState));
        Assert.Equal([7], second.State);
        Assert.Equal(2, Store.ReadPoints(id, "t").Count);
    }

    [ContractFact]
    public void A_checkpoint_that_fails_to_write_takes_its_points_with_it()
    {
        var (id, lease) = ClaimedTrial();

        // A null state violates the checkpoint's NOT NULL column after the points were written in the same call.
        Assert.ThrowsAny<Exception>(() => Store.WriteCheckpoint(lease.Ref, [new LossPoint(0, 0.1, 1, 1)], new TrialCheckpoint(1, null!)));

        Assert.Empty(Store.ReadPoints(id, "t"));
        Assert.Null(Store.ReadCheckpoint(id, "t"));
    }

    [ContractFact]
    public void A_large_checkpoint_round_trips()
    {
        var (id, lease) = ClaimedTrial();
        var state = new byte[8 << 20];
        new Random(1).NextBytes(state);

        Store.WriteCheckpoint(lease.Ref, [], new TrialCheckpoint(1, state));

        Assert.Equal(state, Store.ReadCheckpoint(id, "t")!.State);
    }

    [ContractFact]
    public void Sweep_writes_under_a_stale_coordinator_epoch_are_refused_and_write_nothing()
    {
        var id = NewSweep();
        var old = Store.ClaimSweep(id, Silo("silo-a"))!;
        var current = Store.ClaimSweep(id, Silo("silo-b"))!;

        Assert.Throws<LeaseLostException>(() => Store.SetSweepState(id, SweepState.Failed, "stale", old));
        Assert.Throws<LeaseLostException>(() => Store.SaveDecision(id, "{\"stale\":1}", old));
        Assert.Throws<LeaseLostException>(() => Store.SaveResults(id, "[\"stale\"]", old));
        Assert.Throws<LeaseLostException>(() => Store.SetSweepState("no-such-sweep", SweepState.Failed, fence: old));

        var sweep = Store.GetSweep(id)!;
        Assert.Equal((SweepState.RangeTest, (string?)null, (string?)null, (string?)null), (sweep.State, sweep.Error, sweep.DecisionJson, sweep.ResultsJson));

        Store.SetSweepState(id, SweepState.Deciding, fence: current);
        Store.SaveDecision(id, "{\"ok\":1}", current);
        Assert.Equal((SweepState.Deciding, "{\"ok\":1}"), (Store.GetSweep(id)!.State, Store.GetSweep(id)!.DecisionJson));
    }

    [ContractFact]
    public void A_cancelled_sweep_stays_cancelled_whatever_its_coordinator_writes()
    {
        var id = NewSweep();
        var lease = Store.ClaimSweep(id, Silo("silo-a"))!;

        Store.SetSweepState(id, SweepState.Cancelled);
        Store.SetSweepState(id, SweepState.Completed, fence: lease);
        Store.SaveResults(id, "[1]", lease);

        var sweep = Store.GetSweep(id)!;
        Assert.Equal((SweepState.Cancelled, (string?)null), (sweep.State, sweep.ResultsJson));
        Assert.Null(Store.ClaimSweep(id, Silo("silo-b")));
    }

    [ContractFact]
    public void Only_an_unfinished_sweep_can_be_cancelled()
    {
        var running = NewSweep();
        var finished = new Dictionary<SweepState, string>();
        foreach (var state in new[] { SweepState.Cancelled, SweepState.Failed, SweepState.Completed })
        {
            finished[state] = NewSweep();
            Store.SetSweepState(finished[state], state);
        }

        Assert.True(Store.TryCancelSweep(running));
        Assert.Equal(SweepState.Cancelled, Store.GetSweep(running)!.State);
        Assert.False(Store.TryCancelSweep("no-such-sweep"));
        Assert.All(finished, f =>
        {
            Assert.False(Store.TryCancelSweep(f.Value));
            Assert.Equal(f.Key, Store.GetSweep(f.Value)!.State);
        });
    }

    [ContractFact]
    public void Each_coordinator_claim_raises_the_epoch_and_records_the_owner_until_the_sweep_is_final()
    {
        var id = NewSweep();

        var first = Store.ClaimSweep(id, Silo("silo-a"));
        var second = Store.ClaimSweep(id, Silo("silo-b"));
        Store.SetSweepState(id, SweepState.Completed, fence: second);

        Assert.Equal(new SweepLease(id, 1), first);
        Assert.Equal(new SweepLease(id, 2), second);
        Assert.Null(Store.ClaimSweep(id, Silo("silo-c")));
        Assert.Null(Store.ClaimSweep("no-such-sweep", Silo("silo-c")));
        Assert.Empty(Store.SweepsCoordinatedBy([Silo("silo-b").Address]));
    }

    [ContractFact]
    public void The_running_trials_and_unfinished_sweeps_of_dead_silos_are_found_and_requeued_with_their_epochs()
    {
        var id = NewSweep();
        var other = NewSweep();
        Store.ClaimSweep(id, Silo("silo-a"));
        Store.ClaimSweep(other, Silo("silo-b"));
        foreach (var t in new[] { "t1", "t2", "t3" })
        {
            Store.EnqueueTrial(Trial(id, t, TrialPhase.RangeTest));
        }

        var a = Store.ClaimTrials(Silo("silo-a"), 2);
        var b = Assert.Single(Store.ClaimTrials(Silo("silo-b"), 5));
        Store.FinishTrial(a[1].Ref, [], TrialStatus.Completed, 1, 0.1, 1);

        Assert.Equal(new Dictionary<string, int> { [Silo("silo-a").Address] = 1, [Silo("silo-b").Address] = 1 }, Store.RunningTrialsByOwner());
        Assert.Equal([id], Store.SweepsCoordinatedBy([Silo("silo-a").Address, "10.0.0.9:11111@1"]));
        Assert.Equal(1, Store.RequeueTrialsOf([Silo("silo-a").Address]));

        var trials = Store.ListTrials(id).ToDictionary(t => t.Id);
        Assert.Equal((TrialStatus.Pending, (string?)null, 1L), (trials[a[0].Ref.TrialId].Status, trials[a[0].Ref.TrialId].Owner, trials[a[0].Ref.TrialId].Epoch));
        Assert.Equal(TrialStatus.Completed, trials[a[1].Ref.TrialId].Status);
        Assert.Equal(TrialStatus.Running, trials[b.Ref.TrialId].Status);
        var again = Assert.Single(Store.ClaimTrials(Silo("silo-c"), 5));
        Assert.Equal((a[0].Ref.TrialId, 2L), (again.Ref.TrialId, again.Ref.Epoch));
        Assert.Throws<LeaseLostException>(() => Store.WritePoints(a[0].Ref, [new LossPoint(0, 0.1, 1, 1)]));
    }

    [ContractFact]
    public void A_silo_claims_only_the_trials_of_its_own_cluster()
    {
        var mine = NewSweep();
        var theirs = $"s{Guid.NewGuid():N}"[..12];
        Store.CreateSweep(new SweepRecord(theirs, "test", "name: x", "test.yaml", SweepState.RangeTest, T0, T0, null, null, null, "run-1234"));
        Store.EnqueueTrial(Trial(mine, "t", TrialPhase.RangeTest));
        Store.EnqueueTrial(Trial(theirs, "t", TrialPhase.RangeTest));

        var claimed = Assert.Single(Store.ClaimTrials(Silo("silo-a"), 5));

        Assert.Equal(mine, claimed.Ref.SweepId);
        Assert.Equal(theirs, Assert.Single(Store.ClaimTrials(new SiloRef("run", "127.0.0.1:1@1", "run-1234"), 5)).Ref.SweepId);
    }

    /// <summary>Another migrated store over the same database: another silo.</summary>
    protected ISweepStore Open()
    {
        var store = Unmigrated();
        store.Migrate();
        return store;
    }

    protected ISweepStore Unmigrated()
    {
        var store = CreateStore();
        _stores.Add(store);
        return store;
    }

    private string NewSweep(ISweepStore? store = null, string? id = null, DateTimeOffset? createdAt = null)
    {
        id ??= $"s{Guid.NewGuid():N}"[..12];
        var at = createdAt ?? T0;
        (store ?? Store).CreateSweep(new SweepRecord(id, "test", "name: x", "test.yaml", SweepState.RangeTest, at, at, null, null, null));
        return id;
    }

    /// <summary>A silo of the default cluster, by name; its address is made up from the name.</summary>
    protected static SiloRef Silo(string name) => new(name, $"10.0.0.{Math.Abs(name.GetHashCode(StringComparison.Ordinal)) % 200}:11111@{name.Length}", SweepRecord.DefaultCluster);

    private (string SweepId, TrialLease Lease) ClaimedTrial()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        return (id, Assert.Single(Store.ClaimTrials(Silo("silo-a"), 1)));
    }

    private static TrialRecord Trial(string sweepId, string id, TrialPhase phase) =>
        new(sweepId, id, phase, $"{{\"def\":\"{id}\"}}", TrialStatus.Pending, 0, 100, double.NaN, double.NaN, null);
}
