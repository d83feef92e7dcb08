using LrCluster.Core.Schedules;
using LrCluster.Core.Sweeps;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace LrCluster.Training.Schedules;

/// <summary>
/// Drives a TorchSharp optimizer with one of LrCluster's schedules (triangular, triangular2, exp_range,
/// 1cycle, decaying, plateau-scaled, fixed): the same numbers a sweep's cyclical trials train with.
/// Call <c>step()</c> after every <c>optimizer.step()</c>, as PyTorch's CyclicLR and OneCycleLR; the
/// constructor sets step 0's values. When the schedule cycles momentum, it sets SGD/RMSprop momentum
/// or Adam's beta1 on every parameter group.
/// </summary>
public sealed class CyclicalLrScheduler : lr_scheduler.LRScheduler
{
    private readonly Optimizer optimizer;
    private long next = -1;

    public CyclicalLrScheduler(Optimizer optimizer, ILrSchedule schedule)
        : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        this.optimizer = optimizer;
        Schedule = schedule;
        if (schedule.At(0).Momentum is not null
            && optimizer.ParamGroups.Any(g => g is not IMomentum and not IBetas))
        {
            throw new ArgumentException($"the {schedule.Policy} schedule cycles momentum, but {optimizer.GetType().Name} has neither momentum nor betas; allowed: an SGD, RMSprop or Adam-family optimizer, or a schedule without cycled momentum", nameof(schedule));
        }

        step();
    }

    public ILrSchedule Schedule { get; }

    /// <summary>The optimizer step whose values are set now (0 after construction).</summary>
    public long CurrentStep => next;

    /// <summary>A scheduler for broadcast schedule parameters, as a sweep's cyclical trial would build it.</summary>
    public static CyclicalLrScheduler From(Optimizer optimizer, ScheduleParameters parameters) =>
        new(optimizer, ScheduleFactory.Create(parameters));

    /// <summary>Feeds the plateau-scaled schedule the epoch's validation loss; other schedules ignore it.</summary>
    public void EpochEnd(double validationLoss)
    {
        if (Schedule is PlateauScaledSchedule plateau)
        {
            plateau.OnEpochEnd(validationLoss);
        }
    }

    public override void step(int? epoch)
    {
        next = epoch ?? next + 1;
        base.step(epoch);
    }

    protected override IEnumerable<double> get_lr()
    {
        if (Schedule is OneCycleSchedule oneCycle && next >= oneCycle.Options.TotalSteps)
        {
            // As PyTorch's OneCycleLR: the schedule is defined for its total steps only.
            throw new InvalidOperationException($"the one_cycle schedule has {oneCycle.Options.TotalSteps} steps; step() was called for step {next} (0-based)");
        }

        var value = Schedule.At(next);
        if (value.Momentum is { } momentum)
        {
            foreach (var group in optimizer.ParamGroups)
            {
                if (group is IMomentum m)
                {
                    m.Momentum = momentum;
                }
                else if (group is IBetas b)
                {
                    b.Betas = (momentum, b.Betas.Item2);
                }
            }
        }

        return optimizer.ParamGroups.Select(_ => value.Lr).ToArray();
    }

    protected override IEnumerable<double> get_closed_form_lr() => get_lr();
}
