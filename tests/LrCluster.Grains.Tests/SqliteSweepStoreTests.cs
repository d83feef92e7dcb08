using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Tests;

public sealed class SqliteSweepStoreTests
{
    [Fact]
    public void Writes_wake_the_waiters_of_their_kind_only()
    {
        using var temp = new TempStore();
        var id = temp.CreateSweep("name: x");
        var trial = temp.Claim(id);
        var work = temp.Store.NextWakeup(Wakeup.Work);
        var progress = temp.Store.NextWakeup(Wakeup.Progress);

        temp.Store.FinishTrial(trial, [new LossPoint(0, 0.1, 1, 1)], TrialStatus.Completed, 1, 0.1, 1);

        Assert.True(progress.IsCompleted);
        Assert.False(work.IsCompleted);
        var progressAfter = temp.Store.NextWakeup(Wakeup.Progress);
        temp.Store.EnqueueTrial(new TrialRecord(id, "u", TrialPhase.RangeTest, "{}", TrialStatus.Pending, 0, 10, double.NaN, double.NaN, null));
        Assert.True(work.IsCompleted);
        Assert.False(progressAfter.IsCompleted);
    }

    [Fact]
    public void Migrating_twice_keeps_the_data()
    {
        using var temp = new TempStore();
        var id = temp.CreateSweep("name: x");

        temp.Store.Migrate();

        Assert.Equal(SweepState.Pending, temp.Store.GetSweep(id)!.State);
    }

    [Fact]
    public void A_replayed_step_overwrites_its_point_instead_of_duplicating_it()
    {
        using var temp = new TempStore();
        var id = temp.CreateSweep("name: x");
        var trial = temp.Claim(id);
        temp.Store.WritePoints(trial, [new LossPoint(0, 0.1, 2.0, 2.0), new LossPoint(1, 0.2, 1.5, 1.8)]);

        temp.Store.WritePoints(trial, [new LossPoint(1, 0.2, 1.4, 1.7), new LossPoint(2, 0.3, 1.2, 1.5)]);

        var points = temp.Store.ReadPoints(id, "t");
        Assert.Equal([0L, 1L, 2L], points.Select(p => p.Step));
        Assert.Equal(1.4, points[1].Loss);
    }

    [Fact]
    public void A_diverged_loss_round_trips_as_nan()
    {
        using var temp = new TempStore();
        var id = temp.CreateSweep("name: x");

        temp.Store.WritePoints(temp.Claim(id), [new LossPoint(0, 0.1, double.NaN, double.NaN)]);

        Assert.True(double.IsNaN(temp.Store.ReadPoints(id, "t")[0].Loss));
    }

    [Fact]
    public void A_checkpoint_is_written_with_the_points_before_it()
    {
        using var temp = new TempStore();
        var id = temp.CreateSweep("name: x");

        temp.Store.WriteCheckpoint(temp.Claim(id), [new LossPoint(0, 0.1, 2, 2)], new TrialCheckpoint(1, [1, 2, 3], "{\"a\":1}"));

        var checkpoint = temp.Store.ReadCheckpoint(id, "t")!;
        Assert.Equal(1, checkpoint.NextStep);
        Assert.Equal(new byte[] { 1, 2, 3 }, checkpoint.State);
        Assert.Equal("{\"a\":1}", checkpoint.ScheduleState);
        Assert.Single(temp.Store.ReadPoints(id, "t"));
    }

    [Fact]
    public void Sweep_state_and_error_are_kept()
    {
        using var temp = new TempStore();
        var id = temp.CreateSweep("name: x");

        temp.Store.SetSweepState(id, SweepState.Failed, "boom");

        var sweep = temp.Store.GetSweep(id)!;
        Assert.Equal(SweepState.Failed, sweep.State);
        Assert.Equal("boom", sweep.Error);
        Assert.Contains(temp.Store.ListSweeps(10), s => s.Id == id);
    }

    [Fact]
    public void A_write_with_a_stale_epoch_is_refused_and_writes_nothing()
    {
        using var temp = new TempStore();
        var id = temp.CreateSweep("name: x");
        var old = temp.Claim(id);
        var now = DateTimeOffset.UtcNow;
        var newer = temp.Store.ClaimTrials("silo-b", 1, now.AddMinutes(2), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)).Single().Ref;

        Assert.Throws<LeaseLostException>(() => temp.Store.WritePoints(old, [new LossPoint(0, 0.1, 2, 2)]));
        Assert.Throws<LeaseLostException>(() => temp.Store.WriteCheckpoint(old, [new LossPoint(1, 0.1, 2, 2)], new TrialCheckpoint(2, [9])));
        Assert.Throws<LeaseLostException>(() => temp.Store.UpdateTrialProgress(old, TrialStatus.Completed, 5, 0.1, 1));
        Assert.Equal(old.Epoch + 1, newer.Epoch);
        Assert.Empty(temp.Store.ReadPoints(id, "t"));
        Assert.Null(temp.Store.ReadCheckpoint(id, "t"));
        Assert.Equal("silo-b", temp.Store.ListTrials(id).Single().Owner);
    }

    [Fact]
    public void A_live_lease_is_not_claimed_twice_but_an_expired_one_is()
    {
        using var temp = new TempStore();
        var id = temp.CreateSweep("name: x");
        var first = temp.Claim(id);
        var now = DateTimeOffset.UtcNow;
        temp.Store.Heartbeat(new SiloInfo("silo-a", "", 1, 1, [], now, now, SiloStatus.Active));

        var whileLive = temp.Store.ClaimTrials("silo-b", 5, now.AddSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
        var afterExpiry = temp.Store.ClaimTrials("silo-b", 5, now.AddMinutes(2), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));

        Assert.Empty(whileLive);
        Assert.Equal(first.Epoch + 1, Assert.Single(afterExpiry).Ref.Epoch);
    }

    [Fact]
    public void The_trials_of_a_silo_that_missed_its_heartbeats_are_claimed_before_their_lease_ends()
    {
        using var temp = new TempStore();
        var id = temp.CreateSweep("name: x");
        var now = DateTimeOffset.UtcNow;
        temp.Store.Heartbeat(new SiloInfo("silo-a", "", 1, 1, [], now.AddMinutes(-10), now.AddSeconds(-30), SiloStatus.Active));
        temp.Claim(id);

        var claimed = temp.Store.ClaimTrials("silo-b", 5, now, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10));

        Assert.Single(claimed);
    }

    [Fact]
    public void A_released_trial_is_pending_again_and_the_next_claim_raises_the_epoch()
    {
        using var temp = new TempStore();
        var id = temp.CreateSweep("name: x");
        var first = temp.Claim(id);

        temp.Store.ReleaseLease(first);
        var again = temp.Store.ClaimTrials("silo-b", 5, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        Assert.Equal(first.Epoch + 1, Assert.Single(again).Ref.Epoch);
        Assert.False(temp.Store.RenewLease(first, "silo-a", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Trials_of_a_cancelled_sweep_are_neither_claimed_nor_renewed()
    {
        using var temp = new TempStore();
        var id = temp.CreateSweep("name: x");
        var held = temp.Claim(id, "a");
        temp.Store.EnqueueTrial(new TrialRecord(id, "b", TrialPhase.RangeTest, "{}", TrialStatus.Pending, 0, 10, double.NaN, double.NaN, null));

        temp.Store.SetSweepState(id, SweepState.Cancelled);

        Assert.Empty(temp.Store.ClaimTrials("silo-a", 5, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)));
        Assert.False(temp.Store.RenewLease(held, "silo-a", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Heartbeats_register_a_silo_and_leaving_marks_it_left()
    {
        using var temp = new TempStore();
        var now = DateTimeOffset.UtcNow;

        temp.Store.Heartbeat(new SiloInfo("silo-a", "http://127.0.0.1:5000", 2, 1, ["cuda:0", "cuda:1"], now, now, SiloStatus.Active));
        temp.Store.LeaveSilo("silo-a", now);

        var silo = Assert.Single(temp.Store.ListSilos());
        Assert.Equal(["cuda:0", "cuda:1"], silo.Devices);
        Assert.Equal(SiloStatus.Left, silo.Status);
    }
}
