using LrCluster.Core.Sweeps;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Store;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Tests;

public sealed class SqliteSweepStoreTests
{
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
        temp.Store.RequeueTrialsOf([TempStore.Silo("silo-a").Address]);
        var newer = temp.Store.ClaimTrials(TempStore.Silo("silo-b"), 1).Single().Ref;

        Assert.Throws<LeaseLostException>(() => temp.Store.WritePoints(old, [new LossPoint(0, 0.1, 2, 2)]));
        Assert.Throws<LeaseLostException>(() => temp.Store.WriteCheckpoint(old, [new LossPoint(1, 0.1, 2, 2)], new TrialCheckpoint(2, [9])));
        Assert.Throws<LeaseLostException>(() => temp.Store.UpdateTrialProgress(old, TrialStatus.Completed, 5, 0.1, 1));
        Assert.Equal(old.Epoch + 1, newer.Epoch);
        Assert.Empty(temp.Store.ReadPoints(id, "t"));
        Assert.Null(temp.Store.ReadCheckpoint(id, "t"));
        Assert.Equal("silo-b", temp.Store.ListTrials(id).Single().Owner);
    }

    [Fact]
    public void A_released_trial_is_pending_again_and_the_next_claim_raises_the_epoch()
    {
        using var temp = new TempStore();
        var id = temp.CreateSweep("name: x");
        var first = temp.Claim(id);

        temp.Store.ReleaseLease(first);
        var again = temp.Store.ClaimTrials(TempStore.Silo("silo-b"), 5);

        Assert.Equal(first.Epoch + 1, Assert.Single(again).Ref.Epoch);
        Assert.Throws<LeaseLostException>(() => temp.Store.WritePoints(first, [new LossPoint(0, 0.1, 1, 1)]));
    }

    [Fact]
    public void Trials_of_a_cancelled_sweep_are_not_claimed()
    {
        using var temp = new TempStore();
        var id = temp.CreateSweep("name: x");
        var held = temp.Claim(id, "a");
        temp.Store.EnqueueTrial(new TrialRecord(id, "b", TrialPhase.RangeTest, "{}", TrialStatus.Pending, 0, 10, double.NaN, double.NaN, null));

        temp.Store.SetSweepState(id, SweepState.Cancelled);

        Assert.Empty(temp.Store.ClaimTrials(TempStore.Silo("silo-a"), 5));
        Assert.Equal(TrialStatus.Running, temp.Store.ListTrials(id).Single(t => t.Id == held.TrialId).Status);
    }

}
