using System.Collections.Concurrent;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Tests.Postgres;

/// <summary>
/// The semantics every <see cref="ISweepStore"/> must give the grains, written once and run against each store by
/// a subclass: fencing, claims, leases, membership, idempotent points, checkpoints and migrations. Times are
/// passed in explicitly (never read from the clock), so lease expiry and dead silos are tested without waiting.
/// </summary>
public abstract class StoreContractTests : IDisposable
{
    protected static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan DeadAfter = TimeSpan.FromSeconds(30);

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

        var lease = Assert.Single(Store.ClaimTrials("silo-a", 10, T0, Lease, DeadAfter));
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
        var lease = Assert.Single(Store.ClaimTrials("silo-a", 10, T0, Lease, DeadAfter));

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
        var leases = Store.ClaimTrials("silo-a", 3, T0, Lease, DeadAfter).ToDictionary(l => l.Ref.TrialId);

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

        var lease = Assert.Single(Store.ClaimTrials("silo-a", 4, T0, Lease, DeadAfter));

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

        var first = Store.ClaimTrials("silo-a", 4, T0, Lease, DeadAfter);
        var second = Store.ClaimTrials("silo-a", 4, T0, Lease, DeadAfter);

        Assert.Equal([(older, "a"), (older, "b"), (older, "c"), (newer, "a")], first.Select(l => (l.Ref.SweepId, l.Ref.TrialId)));
        Assert.Equal([(newer, "b"), (newer, "c")], second.Select(l => (l.Ref.SweepId, l.Ref.TrialId)));
        Assert.Empty(Store.ClaimTrials("silo-a", 4, T0, Lease, DeadAfter));
        Assert.Empty(Store.ClaimTrials("silo-a", 0, T0, Lease, DeadAfter));
    }

    [ContractFact]
    public void A_live_lease_is_not_claimed_again()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        Heartbeat("silo-a", T0.AddSeconds(50));
        Assert.Single(Store.ClaimTrials("silo-a", 1, T0, Lease, DeadAfter));

        Assert.Empty(Store.ClaimTrials("silo-b", 1, T0.AddSeconds(59), Lease, DeadAfter));
    }

    [ContractFact]
    public void An_expired_lease_is_claimed_by_another_silo_with_the_next_epoch()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        Heartbeat("silo-a", T0.AddSeconds(100));
        var old = Assert.Single(Store.ClaimTrials("silo-a", 1, T0, Lease, DeadAfter));

        var taken = Assert.Single(Store.ClaimTrials("silo-b", 1, T0 + Lease + TimeSpan.FromSeconds(1), Lease, DeadAfter));

        Assert.Equal(old.Ref with { Epoch = 2 }, taken.Ref);
        Assert.Equal("silo-b", Assert.Single(Store.ListTrials(id)).Owner);
    }

    [ContractFact]
    public void The_trials_of_a_silo_that_missed_its_heartbeats_are_claimed_and_its_late_writes_refused()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        Heartbeat("silo-a", T0);
        var old = Assert.Single(Store.ClaimTrials("silo-a", 1, T0, TimeSpan.FromHours(1), DeadAfter));

        var taken = Assert.Single(Store.ClaimTrials("silo-b", 1, T0 + DeadAfter + TimeSpan.FromSeconds(1), Lease, DeadAfter));

        Assert.Equal(2, taken.Ref.Epoch);
        Assert.Throws<LeaseLostException>(() => Store.WritePoints(old.Ref, [new LossPoint(0, 0.1, 9, 9)]));
        Store.WritePoints(taken.Ref, [new LossPoint(0, 0.1, 1, 1)]);
        Assert.Equal(1.0, Assert.Single(Store.ReadPoints(id, "t")).Loss);
    }

    [ContractFact]
    public void The_trials_of_a_silo_that_heartbeats_are_not_claimed()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        Heartbeat("silo-a", T0);
        Assert.Single(Store.ClaimTrials("silo-a", 1, T0, TimeSpan.FromHours(1), DeadAfter));
        Heartbeat("silo-a", T0.AddMinutes(5));

        Assert.Empty(Store.ClaimTrials("silo-b", 1, T0.AddMinutes(5).AddSeconds(10), Lease, DeadAfter));
    }

    [ContractFact]
    public void A_silo_without_a_membership_row_keeps_its_trials_until_the_lease_expires()
    {
        // A silo may claim before its first heartbeat lands; only its lease decides then.
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        Assert.Single(Store.ClaimTrials("silo-a", 1, T0, TimeSpan.FromHours(1), DeadAfter));

        Assert.Empty(Store.ClaimTrials("silo-b", 1, T0.AddMinutes(30), Lease, DeadAfter));
        Assert.Single(Store.ClaimTrials("silo-b", 1, T0.AddMinutes(61), Lease, DeadAfter));
    }

    [ContractFact]
    public void The_trials_of_a_silo_that_left_are_claimed_at_once()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        Heartbeat("silo-a", T0);
        Assert.Single(Store.ClaimTrials("silo-a", 1, T0, TimeSpan.FromHours(1), DeadAfter));

        Store.LeaveSilo("silo-a", T0.AddSeconds(1));

        Assert.Single(Store.ClaimTrials("silo-b", 1, T0.AddSeconds(2), Lease, DeadAfter));
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

        var lease = Assert.Single(Store.ClaimTrials("silo-a", 10, T0, Lease, DeadAfter));
        Assert.Equal(live, lease.Ref.SweepId);
    }

    [ContractFact]
    public void Finished_trials_are_never_claimed_even_when_their_lease_expired()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        var lease = Assert.Single(Store.ClaimTrials("silo-a", 1, T0, Lease, DeadAfter));

        Store.UpdateTrialProgress(lease.Ref, TrialStatus.Diverged, 10, 0.5, 3.0);

        Assert.Empty(Store.ClaimTrials("silo-b", 1, T0.AddHours(1), Lease, DeadAfter));
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
            while (store.ClaimTrials($"silo-{i}", 3, T0, TimeSpan.FromHours(1), DeadAfter) is { Count: > 0 } got)
            {
                foreach (var lease in got)
                {
                    claimed.Add(($"silo-{i}", lease));
                }
            }
        })));

        Assert.Empty(Store.ClaimTrials("late", trials, T0, Lease, DeadAfter));
        Assert.Equal(trials, claimed.Count);
        Assert.Equal(trials, claimed.Select(c => c.Lease.Ref.TrialId).Distinct().Count());
        Assert.All(claimed, c => Assert.Equal(1, c.Lease.Ref.Epoch));
        var owners = Store.ListTrials(id).ToDictionary(t => t.Id, t => t.Owner);
        Assert.All(claimed, c => Assert.Equal(c.Silo, owners[c.Lease.Ref.TrialId]));
    }

    [ContractFact]
    public void A_lease_is_renewed_only_by_its_owner_under_the_current_epoch()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        Heartbeat("silo-a", T0.AddMinutes(5));
        var lease = Assert.Single(Store.ClaimTrials("silo-a", 1, T0, Lease, DeadAfter));

        Assert.True(Store.RenewLease(lease.Ref, "silo-a", T0.AddSeconds(50), Lease));
        Assert.False(Store.RenewLease(lease.Ref, "silo-b", T0.AddSeconds(50), Lease));
        Assert.False(Store.RenewLease(lease.Ref with { Epoch = 0 }, "silo-a", T0.AddSeconds(50), Lease));

        // Renewed at T0+50 s for a minute: still held at T0+100 s, free after T0+110 s.
        Assert.Empty(Store.ClaimTrials("silo-b", 1, T0.AddSeconds(100), Lease, DeadAfter));
        var taken = Assert.Single(Store.ClaimTrials("silo-b", 1, T0.AddSeconds(111), Lease, DeadAfter));
        Assert.False(Store.RenewLease(lease.Ref, "silo-a", T0.AddSeconds(112), Lease));
        Assert.True(Store.RenewLease(taken.Ref, "silo-b", T0.AddSeconds(112), Lease));
    }

    [ContractFact]
    public void A_lease_cannot_be_renewed_once_the_sweep_is_cancelled()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        var lease = Assert.Single(Store.ClaimTrials("silo-a", 1, T0, Lease, DeadAfter));

        Store.SetSweepState(id, SweepState.Cancelled);

        Assert.False(Store.RenewLease(lease.Ref, "silo-a", T0.AddSeconds(10), Lease));
    }

    [ContractFact]
    public void A_released_trial_is_pending_again_and_its_next_claim_gets_the_next_epoch()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        var lease = Assert.Single(Store.ClaimTrials("silo-a", 1, T0, Lease, DeadAfter));

        Store.ReleaseLease(lease.Ref);

        var trial = Assert.Single(Store.ListTrials(id));
        Assert.Equal((TrialStatus.Pending, (string?)null, 1L), (trial.Status, trial.Owner, trial.Epoch));
        Assert.Throws<LeaseLostException>(() => Store.WritePoints(lease.Ref with { Epoch = 0 }, [new LossPoint(0, 0.1, 1, 1)]));
        var next = Assert.Single(Store.ClaimTrials("silo-b", 1, T0.AddSeconds(1), Lease, DeadAfter));
        Assert.Equal(2, next.Ref.Epoch);
        Assert.Throws<LeaseLostException>(() => Store.WritePoints(lease.Ref, [new LossPoint(0, 0.1, 1, 1)]));
    }

    [ContractFact]
    public void Releasing_a_stale_lease_changes_nothing()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        var old = Assert.Single(Store.ClaimTrials("silo-a", 1, T0, Lease, DeadAfter));
        var current = Assert.Single(Store.ClaimTrials("silo-b", 1, T0.AddMinutes(2), Lease, DeadAfter));

        Store.ReleaseLease(old.Ref);

        var trial = Assert.Single(Store.ListTrials(id));
        Assert.Equal((TrialStatus.Running, "silo-b", current.Ref.Epoch), (trial.Status, trial.Owner, trial.Epoch));
    }

    [ContractFact]
    public void Releasing_a_finished_trial_does_not_make_it_run_again()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        var lease = Assert.Single(Store.ClaimTrials("silo-a", 1, T0, Lease, DeadAfter));
        Store.UpdateTrialProgress(lease.Ref, TrialStatus.Completed, 100, 0.1, 1.0);

        Store.ReleaseLease(lease.Ref);

        Assert.Equal(TrialStatus.Completed, Assert.Single(Store.ListTrials(id)).Status);
        Assert.Empty(Store.ClaimTrials("silo-b", 1, T0, Lease, DeadAfter));
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
            Assert.Throws<LeaseLostException>(() => Store.WriteCheckpoint(bad, [new LossPoint(0, 0.1, 9, 9)], new TrialCheckpoint(1, [1, 2, 3])));
            Assert.Throws<LeaseLostException>(() => Store.FinishTrial(bad, [new LossPoint(0, 0.1, 9, 9)], TrialStatus.Completed, 1, 0.1, 9));
        }

        var trial = Assert.Single(Store.ListTrials(id));
        Assert.Equal((TrialStatus.Running, 0L, (string?)null), (trial.Status, trial.Step, trial.Error));
        Assert.Empty(Store.ReadPoints(id, "t"));
        Assert.Empty(Store.ReadEpochs(id, "t"));
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
        Assert.Empty(Store.ClaimTrials("silo-b", 1, T0.AddHours(1), Lease, DeadAfter));
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
    public async Task A_finished_trial_wakes_progress_waiters_and_an_enqueue_wakes_work_waiters()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        var lease = Assert.Single(Store.ClaimTrials("silo-a", 1, T0, Lease, DeadAfter));
        await Listening(Store);

        var progress = Store.NextWakeup(Wakeup.Progress);
        Store.FinishTrial(lease.Ref, [new LossPoint(0, 0.1, 1, 1)], TrialStatus.Completed, 1, 0.1, 1);
        var work = Store.NextWakeup(Wakeup.Work);
        Store.EnqueueTrial(Trial(id, "u", TrialPhase.RangeTest));

        // Taken before the writes, awaited after: neither wake-up is lost (a push may take a moment to come back).
        Assert.Same(progress, await Task.WhenAny(progress, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Same(work, await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(10))));
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
        var leases = Store.ClaimTrials("silo-a", 2, T0, Lease, DeadAfter);

        Store.WritePoints(leases[0].Ref, [new LossPoint(0, 0.1, 1, 1)]);
        Store.WritePoints(leases[1].Ref, [new LossPoint(0, 0.1, 2, 2)]);

        Assert.Equal(1.0, Assert.Single(Store.ReadPoints(id, "a")).Loss);
        Assert.Equal(2.0, Assert.Single(Store.ReadPoints(id, "b")).Loss);
        Assert.Empty(Store.ReadPoints(id, "c"));
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
    public void A_heartbeat_registers_and_refreshes_a_silo_and_leaving_marks_it_left()
    {
        var a = new SiloInfo("silo-a", "http://a:8080", 2, 0, ["cuda:0", "cuda:1"], T0, T0, SiloStatus.Active);
        var b = new SiloInfo("silo-b", "http://b:8080", 4, 1, [], T0, T0, SiloStatus.Active);
        Store.Heartbeat(b);
        Store.Heartbeat(a);

        Store.Heartbeat(a with { BusySlots = 2, HeartbeatAt = T0.AddSeconds(5) });

        Assert.Equal([Describe(a with { BusySlots = 2, HeartbeatAt = T0.AddSeconds(5) }), Describe(b)], Store.ListSilos().Select(Describe));

        Store.LeaveSilo("silo-a", T0.AddSeconds(9));

        var left = Store.ListSilos()[0];
        Assert.Equal((SiloStatus.Left, 0), (left.Status, left.BusySlots));
        Assert.Equal(SiloStatus.Active, Store.ListSilos()[1].Status);
    }

    [ContractFact]
    public void Coordinators_of_unfinished_sweeps_are_claimed_oldest_first_with_a_new_epoch()
    {
        var newer = NewSweep(createdAt: T0.AddMinutes(1));
        var older = NewSweep(createdAt: T0);
        var done = NewSweep(createdAt: T0.AddMinutes(-1));
        Store.SetSweepState(done, SweepState.Completed);

        var first = Store.ClaimSweeps("silo-a", 1, T0, Lease, DeadAfter);
        var second = Store.ClaimSweeps("silo-b", 5, T0, Lease, DeadAfter);

        Assert.Equal([new SweepLease(older, 1)], first);
        Assert.Equal([new SweepLease(newer, 1)], second);
        Assert.Empty(Store.ClaimSweeps("silo-c", 5, T0.AddSeconds(1), Lease, DeadAfter));
    }

    [ContractFact]
    public void Finished_sweeps_have_no_coordinator_to_claim()
    {
        foreach (var state in new[] { SweepState.Cancelled, SweepState.Failed, SweepState.Completed })
        {
            Store.SetSweepState(NewSweep(), state);
        }

        Assert.Empty(Store.ClaimSweeps("silo-a", 5, T0, Lease, DeadAfter));
    }

    [ContractFact]
    public void A_coordinator_is_taken_over_when_its_lease_expires_its_silo_dies_or_leaves()
    {
        var expired = NewSweep(createdAt: T0);
        var dead = NewSweep(createdAt: T0.AddSeconds(1));
        var left = NewSweep(createdAt: T0.AddSeconds(2));
        Heartbeat("silo-expired", T0.AddHours(1));
        Heartbeat("silo-dead", T0);
        Heartbeat("silo-left", T0.AddHours(1));
        Assert.Single(Store.ClaimSweeps("silo-expired", 1, T0, Lease, DeadAfter));
        Assert.Single(Store.ClaimSweeps("silo-dead", 1, T0, TimeSpan.FromHours(1), DeadAfter));
        Assert.Single(Store.ClaimSweeps("silo-left", 1, T0, TimeSpan.FromHours(1), DeadAfter));
        Store.LeaveSilo("silo-left", T0.AddSeconds(10));

        var taken = Store.ClaimSweeps("silo-b", 5, T0 + Lease + TimeSpan.FromSeconds(1), Lease, DeadAfter);

        Assert.Equal([new SweepLease(expired, 2), new SweepLease(dead, 2), new SweepLease(left, 2)], taken);
    }

    [ContractFact]
    public void A_coordinator_lease_is_renewed_only_by_its_owner_while_the_sweep_is_unfinished()
    {
        var id = NewSweep();
        Heartbeat("silo-a", T0.AddHours(1));
        var lease = Assert.Single(Store.ClaimSweeps("silo-a", 1, T0, Lease, DeadAfter));

        Assert.True(Store.RenewSweepLease(lease, "silo-a", T0.AddSeconds(50), Lease));
        Assert.False(Store.RenewSweepLease(lease, "silo-b", T0.AddSeconds(50), Lease));
        Assert.False(Store.RenewSweepLease(lease with { Epoch = 0 }, "silo-a", T0.AddSeconds(50), Lease));
        Assert.Empty(Store.ClaimSweeps("silo-b", 1, T0.AddSeconds(100), Lease, DeadAfter));

        Store.SetSweepState(id, SweepState.Completed, fence: lease);

        Assert.False(Store.RenewSweepLease(lease, "silo-a", T0.AddSeconds(101), Lease));
    }

    [ContractFact]
    public void A_released_coordinator_is_claimed_at_once_with_the_next_epoch()
    {
        var id = NewSweep();
        var lease = Assert.Single(Store.ClaimSweeps("silo-a", 1, T0, TimeSpan.FromHours(1), DeadAfter));

        Store.ReleaseSweepLease(lease with { Epoch = 0 });
        Assert.Empty(Store.ClaimSweeps("silo-b", 1, T0, Lease, DeadAfter));
        Store.ReleaseSweepLease(lease);

        Assert.Equal([new SweepLease(id, 2)], Store.ClaimSweeps("silo-b", 1, T0, Lease, DeadAfter));
    }

    [ContractFact]
    public void Sweep_writes_under_a_stale_coordinator_epoch_are_refused_and_write_nothing()
    {
        var id = NewSweep();
        var old = Assert.Single(Store.ClaimSweeps("silo-a", 1, T0, Lease, DeadAfter));
        var current = Assert.Single(Store.ClaimSweeps("silo-b", 1, T0.AddMinutes(2), Lease, DeadAfter));

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
        var lease = Assert.Single(Store.ClaimSweeps("silo-a", 1, T0, Lease, DeadAfter));

        Store.SetSweepState(id, SweepState.Cancelled);
        Store.SetSweepState(id, SweepState.Completed, fence: lease);
        Store.SaveResults(id, "[1]", lease);

        var sweep = Store.GetSweep(id)!;
        Assert.Equal((SweepState.Cancelled, (string?)null), (sweep.State, sweep.ResultsJson));
        Assert.False(Store.RenewSweepLease(lease, "silo-a", T0.AddSeconds(1), Lease));
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
    public async Task Concurrent_coordinator_claims_never_share_a_sweep()
    {
        const int sweeps = 40;
        for (var i = 0; i < sweeps; i++)
        {
            NewSweep(id: $"s{i:D2}", createdAt: T0.AddSeconds(i));
        }

        var silos = Enumerable.Range(0, 4).Select(_ => Open()).ToArray();
        var claimed = new ConcurrentBag<SweepLease>();
        using var start = new Barrier(silos.Length);

        await Task.WhenAll(silos.Select((store, i) => Task.Run(() =>
        {
            start.SignalAndWait();
            while (store.ClaimSweeps($"silo-{i}", 2, T0, TimeSpan.FromHours(1), DeadAfter) is { Count: > 0 } got)
            {
                foreach (var lease in got)
                {
                    claimed.Add(lease);
                }
            }
        })));

        Assert.Equal(sweeps, claimed.Count);
        Assert.Equal(sweeps, claimed.Select(l => l.SweepId).Distinct().Count());
        Assert.All(claimed, l => Assert.Equal(1, l.Epoch));
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

    /// <summary>
    /// Returns once the store hears wake-ups: a pushing store starts listening on first use, and a wake-up sent
    /// before that is lost (the listener wakes everyone once when it starts, which this waits out too).
    /// </summary>
    private static async Task Listening(ISweepStore store)
    {
        var first = store.NextWakeup(Wakeup.Work);
        store.CreateSweep(new SweepRecord($"listen-{Guid.NewGuid():N}", "n", "y", "f", SweepState.Completed, T0, T0, null, null, null));
        await Task.WhenAny(first, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(first.IsCompleted, "the store never woke its waiters");
        // The probe's own push may come back after the listener's start-up wake-up: let it land before the test looks.
        await Task.Delay(300);
    }

    private (string SweepId, TrialLease Lease) ClaimedTrial()
    {
        var id = NewSweep();
        Store.EnqueueTrial(Trial(id, "t", TrialPhase.RangeTest));
        return (id, Assert.Single(Store.ClaimTrials("silo-a", 1, T0, Lease, DeadAfter)));
    }

    private void Heartbeat(string silo, DateTimeOffset at) =>
        Store.Heartbeat(new SiloInfo(silo, $"http://{silo}", 1, 0, [], T0, at, SiloStatus.Active));

    // SiloInfo's record equality compares the device list by reference; compare what it says instead.
    private static string Describe(SiloInfo s) =>
        $"{s.Name} {s.Address} {s.Slots} {s.BusySlots} [{string.Join(',', s.Devices)}] {s.StartedAt.UtcDateTime:O} {s.HeartbeatAt.UtcDateTime:O} {s.Status}";

    private static TrialRecord Trial(string sweepId, string id, TrialPhase phase) =>
        new(sweepId, id, phase, $"{{\"def\":\"{id}\"}}", TrialStatus.Pending, 0, 100, double.NaN, double.NaN, null);
}
