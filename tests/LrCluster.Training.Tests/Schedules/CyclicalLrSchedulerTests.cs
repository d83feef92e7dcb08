using LrCluster.Core.Schedules;
using LrCluster.Training.Schedules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LrCluster.Training.Tests.Schedules;

public sealed class CyclicalLrSchedulerTests
{
    [Fact]
    public void Triangular2_sets_the_schedules_lr_and_momentum_on_an_sgd_optimizer_at_every_step()
    {
        using var model = nn.Linear(3, 1);
        using var optimizer = optim.SGD(model.parameters(), 0.5, momentum: 0.9);
        var schedule = new CyclicSchedule(new CyclicOptions(1e-3, 1e-2, 4, 6, CyclicMode.Triangular2, 1.0, null, null, true, 0.8, 0.9));

        var scheduler = new CyclicalLrScheduler(optimizer, schedule);
        var seen = new List<(double Lr, double Momentum)>();
        for (var step = 0; step < 40; step++)
        {
            var group = (SGD.ParamGroup)optimizer.ParamGroups.Single();
            seen.Add((group.LearningRate, group.Momentum));
            optimizer.step();
            scheduler.step();
        }

        Assert.Equal(Enumerable.Range(0, 40).Select(s => (schedule.At(s).Lr, schedule.At(s).Momentum!.Value)), seen);
        Assert.Equal(40, scheduler.CurrentStep);
    }

    [Fact]
    public void One_cycle_drives_adams_beta1_and_keeps_beta2()
    {
        using var model = nn.Linear(3, 1);
        using var optimizer = optim.Adam(model.parameters(), 0.1, beta1: 0.9, beta2: 0.995);
        var schedule = new OneCycleSchedule(new OneCycleOptions(0.1, 30, 0.3, AnnealStrategy.Cos, 25, 1e4, false, true, 0.85, 0.95));

        var scheduler = new CyclicalLrScheduler(optimizer, schedule);
        for (var step = 0; step < 30; step++)
        {
            var group = (Adam.ParamGroup)optimizer.ParamGroups.Single();
            Assert.Equal(schedule.At(step).Lr, group.LearningRate);
            Assert.Equal((schedule.At(step).Momentum!.Value, 0.995), group.Betas);
            if (step < 29)
            {
                scheduler.step();
            }
        }

        var error = Assert.Throws<InvalidOperationException>(() => scheduler.step());
        Assert.Contains("30 steps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plateau_schedule_narrows_its_bounds_when_fed_a_validation_loss_that_stops_improving()
    {
        using var model = nn.Linear(3, 1);
        using var optimizer = optim.SGD(model.parameters(), 0.1);
        var schedule = new PlateauScaledSchedule(new CyclicOptions(1e-3, 1e-2, 2, 2, CyclicMode.Triangular, 1, null, null, false, 0.8, 0.9),
            new PlateauOptions(Patience: 0, Factor: 0.5, DecreaseBaseLr: true, Cooldown: 0));
        var scheduler = new CyclicalLrScheduler(optimizer, schedule);
        var before = schedule.At(2).Lr;

        scheduler.EpochEnd(1.0);
        scheduler.EpochEnd(2.0);

        Assert.Equal(before / 2, schedule.At(2).Lr, 12);
    }

    [Fact]
    public void Cycling_momentum_on_an_optimizer_without_one_is_refused_with_the_reason()
    {
        using var model = nn.Linear(3, 1);
        using var optimizer = optim.Adagrad(model.parameters(), 0.1);
        var schedule = new CyclicSchedule(new CyclicOptions(1e-3, 1e-2, 4, 4, CyclicMode.Triangular, 1.0, null, null, true, 0.8, 0.9));

        var error = Assert.Throws<ArgumentException>(() => new CyclicalLrScheduler(optimizer, schedule));

        Assert.Contains("cycles momentum", error.Message, StringComparison.Ordinal);
    }
}
