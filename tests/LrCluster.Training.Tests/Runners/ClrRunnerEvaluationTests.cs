using LrCluster.Core.Sampling;
using LrCluster.Core.Sweeps;
using LrCluster.Training.Runners;

namespace LrCluster.Training.Tests.Runners;

/// <summary>
/// The cyclical runner's evaluations and checkpoints with clr.evaluateEvery, on the deterministic analytic trainer:
/// 512 rows in batches of 32 are 16 steps an epoch, 3 epochs 48 steps.
/// </summary>
public sealed class ClrRunnerEvaluationTests
{
    private static readonly ScheduleParameters Triangular =
        new("triangular", 0.001, 0.01, 16, 16, 48, 1, "cycle", false, 0.8, 0.9, 0.3, "cos", 25, 1e4, false, 1, 1, double.PositiveInfinity, 0.9, true, 2);

    private static MemorySink Run(int? evaluateEvery, int checkpointEvery = 1000)
    {
        var sink = new MemorySink();
        using var trainer = new AnalyticTrainer(5, 512);
        var status = new ClrRunner(Triangular, 3, checkpointEvery, evaluateEvery).Run(trainer, new BatchSampler(512, 32, 5), sink, CancellationToken.None);
        Assert.Equal(TrialStatus.Completed, status);
        return sink;
    }

    [Fact]
    public void Without_evaluate_every_evaluations_come_at_epoch_ends_only()
    {
        var sink = Run(null);

        Assert.Equal([16L, 32, 48], sink.Evaluations.Select(e => e.Step));
        Assert.Equal(sink.Epochs.Select(e => e.ValLoss), sink.Evaluations.Select(e => e.ValLoss));
    }

    [Fact]
    public void Every_k_steps_and_every_epoch_end_are_evaluated_once()
    {
        var sink = Run(5);

        Assert.Equal([5L, 10, 15, 16, 20, 25, 30, 32, 35, 40, 45, 48], sink.Evaluations.Select(e => e.Step));
        Assert.Equal(3, sink.Epochs.Count);
    }

    [Fact]
    public void Evaluating_more_often_changes_no_training_loss_and_no_epoch_mean()
    {
        var rare = Run(null);
        var often = Run(3);

        Assert.Equal(rare.Points.Select(p => p.Loss), often.Points.Select(p => p.Loss));
        Assert.Equal(rare.Epochs, often.Epochs);
        Assert.Equal(often.Points.Take(16).Average(p => p.Loss), often.Epochs[0].TrainLoss, 12);
    }

    [Fact]
    public void A_checkpoint_inside_an_epoch_holds_that_epochs_loss_sum_so_far()
    {
        // Checkpoints come at the first evaluation 10 or more steps after the last: 10, 20, 30, 40, then the end.
        var sink = Run(5, checkpointEvery: 10);

        Assert.Equal([10L, 20, 30, 40, 48], sink.Checkpoints.Select(c => c.NextStep));
        var atTen = sink.Checkpoints[0];
        Assert.Equal(sink.Points.Take(10).Sum(p => p.Loss), atTen.EpochLossSum!.Value, 12);
        Assert.Null(sink.Checkpoints[^1].EpochLossSum);
    }
}
