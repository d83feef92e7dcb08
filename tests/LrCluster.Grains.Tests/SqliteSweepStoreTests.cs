using LrCluster.Core.Sweeps;
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
        temp.Store.WritePoints(id, "t", [new LossPoint(0, 0.1, 2.0, 2.0), new LossPoint(1, 0.2, 1.5, 1.8)]);

        temp.Store.WritePoints(id, "t", [new LossPoint(1, 0.2, 1.4, 1.7), new LossPoint(2, 0.3, 1.2, 1.5)]);

        var points = temp.Store.ReadPoints(id, "t");
        Assert.Equal([0L, 1L, 2L], points.Select(p => p.Step));
        Assert.Equal(1.4, points[1].Loss);
    }

    [Fact]
    public void A_diverged_loss_round_trips_as_nan()
    {
        using var temp = new TempStore();
        var id = temp.CreateSweep("name: x");

        temp.Store.WritePoints(id, "t", [new LossPoint(0, 0.1, double.NaN, double.NaN)]);

        Assert.True(double.IsNaN(temp.Store.ReadPoints(id, "t")[0].Loss));
    }

    [Fact]
    public void A_checkpoint_is_written_with_the_points_before_it()
    {
        using var temp = new TempStore();
        var id = temp.CreateSweep("name: x");

        temp.Store.WriteCheckpoint(id, "t", [new LossPoint(0, 0.1, 2, 2)], new TrialCheckpoint(1, [1, 2, 3], "{\"a\":1}"));

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
}
