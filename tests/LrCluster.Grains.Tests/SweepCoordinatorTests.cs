using LrCluster.Core.Spec;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Contracts;
using LrCluster.Training.Runners;

namespace LrCluster.Grains.Tests;

/// <summary>The coordinator's phases on the analytic trainer (scheduling, not training, is under test here).</summary>
public sealed class SweepCoordinatorTests
{
    [Fact]
    public async Task A_sweep_runs_both_phases_decides_and_ranks_every_config()
    {
        using var temp = new TempStore();
        var spec = SpecReader.Read(Specs.Analytic, "analytic.yaml");
        var trainers = new AnalyticTrainerFactory();

        var (id, state) = await EmbeddedRun.RunAsync(temp.Store, Specs.Analytic, trainers, new ClusterOptions { Slots = 3, CheckpointEvery = 25 });

        Assert.Equal(SweepState.Completed, state);
        var sweep = temp.Store.GetSweep(id)!;
        Assert.Contains("\"chosenCandidate\"", sweep.DecisionJson);
        Assert.Contains("\"ranking\"", sweep.ResultsJson);
        var trials = temp.Store.ListTrials(id);
        Assert.Equal(6 + 3, trials.Count);
        Assert.All(trials.Where(t => t.Phase == TrialPhase.Clr), t => Assert.Equal(TrialStatus.Completed, t.Status));
        Assert.All(trials.Where(t => t.Phase == TrialPhase.RangeTest), t => Assert.Contains(t.Status, new[] { TrialStatus.Completed, TrialStatus.Diverged }));
        Assert.All(trials, t => Assert.Equal(Enumerable.Range(0, temp.Store.ReadPoints(id, t.Id).Count).Select(i => (long)i), temp.Store.ReadPoints(id, t.Id).Select(p => p.Step)));
    }

    [Fact]
    public async Task The_range_test_on_the_analytic_trainer_falls_then_diverges()
    {
        using var temp = new TempStore();
        var spec = SpecReader.Read(Specs.Analytic, "analytic.yaml");
        var trainers = new AnalyticTrainerFactory();
        var (id, _) = await EmbeddedRun.RunAsync(temp.Store, Specs.Analytic, trainers, new ClusterOptions());

        var points = temp.Store.ReadPoints(id, "rt-base-r0");
        Assert.Equal(TrialStatus.Diverged, temp.Store.ListTrials(id).First(t => t.Id == "rt-base-r0").Status);
        Assert.True(points.Min(p => p.Smoothed) < points[0].Smoothed * 0.5);
        Assert.True(points.Count < spec.RangeTest!.Steps);
    }

    [Fact]
    public async Task Cancelling_a_sweep_marks_it_cancelled()
    {
        using var temp = new TempStore();
        var spec = SpecReader.Read(Specs.Analytic, "analytic.yaml");
        var trainers = new AnalyticTrainerFactory();
        using var cancel = new CancellationTokenSource();

        var (id, state) = await EmbeddedRun.RunAsync(temp.Store, Specs.Analytic, trainers, new ClusterOptions(), p =>
        {
            if (p.Step > 10)
            {
                cancel.Cancel();
            }
        }, cancel.Token);

        Assert.Equal(SweepState.Cancelled, state);
        Assert.Equal(SweepState.Cancelled, temp.Store.GetSweep(id)!.State);
        Assert.All(temp.Store.ListTrials(id), t => Assert.NotEqual(TrialStatus.Running, t.Status));
    }

    [Fact]
    public async Task A_failing_trial_fails_the_sweep_with_its_error()
    {
        using var temp = new TempStore();
        var spec = SpecReader.Read(Specs.Analytic, "analytic.yaml");
        var trainers = new FailingFactory();
        var (id, state) = await EmbeddedRun.RunAsync(temp.Store, Specs.Analytic, trainers, new ClusterOptions());

        Assert.Equal(SweepState.Failed, state);
        Assert.Contains("no GPU left", temp.Store.GetSweep(id)!.Error);
    }

    private sealed class FailingFactory : ITrainerFactory
    {
        public int TrainRows(SweepSpec spec) => 100;

        public ITrialTrainer Create(SweepSpec spec, TrialDefinition trial) => throw new InvalidOperationException("no GPU left");
    }
}
