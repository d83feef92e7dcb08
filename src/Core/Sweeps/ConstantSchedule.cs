using LrCluster.Core.Schedules;

namespace LrCluster.Core.Sweeps;

/// <summary>The fixed-LR baseline a cyclical policy has to beat.</summary>
public sealed class ConstantSchedule(double lr) : ILrSchedule
{
    public string Policy => "fixed";

    public ScheduleValue At(long step) => new(lr, null);
}
