namespace LrCluster.Core.Schedules;

/// <summary>
/// Smith's cyclical learning rate with PyTorch CyclicLR's exact arithmetic: triangular,
/// triangular2, exp_range or a custom scale function, with optional inverse momentum cycling.
/// </summary>
public sealed class CyclicSchedule : ILrSchedule
{
    private readonly Func<double, double> _scaleFn;
    private readonly bool _scaleByCycle;
    private readonly double _totalSize;
    private readonly double _stepRatio;

    public CyclicSchedule(CyclicOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _scaleByCycle = options.ResolvedScaleMode() == ScaleMode.Cycle;
        _scaleFn = options.ScaleFn ?? BuiltInScaleFn(options.Mode, options.Gamma);
        Policy = options.ScaleFn is not null ? "custom" : options.Mode switch
        {
            CyclicMode.Triangular => "triangular",
            CyclicMode.Triangular2 => "triangular2",
            _ => "exp_range",
        };

        double up = options.StepSizeUp;
        double down = options.StepSizeDown ?? options.StepSizeUp;
        _totalSize = up + down;
        _stepRatio = up / _totalSize;
    }

    public CyclicOptions Options { get; }

    public string Policy { get; }

    public ScheduleValue At(long step) => At(step, Options.BaseLr, Options.MaxLr);

    /// <summary>The same cycle with other bounds, for schedules that move the bounds during training.</summary>
    internal ScheduleValue At(long step, double baseLr, double maxLr)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        (double cycle, double scale) = CyclePosition.Locate(step, _totalSize, _stepRatio);
        double factor = _scaleFn(_scaleByCycle ? cycle : step);

        // Height first, then the scale function: PyTorch's order, kept so values match bit for bit.
        double lr = baseLr + (maxLr - baseLr) * scale * factor;
        double? momentum = Options.CycleMomentum
            ? Options.MaxMomentum - (Options.MaxMomentum - Options.BaseMomentum) * scale * factor
            : null;
        return new ScheduleValue(lr, momentum);
    }

    private static Func<double, double> BuiltInScaleFn(CyclicMode mode, double gamma) => mode switch
    {
        CyclicMode.Triangular => _ => 1.0,
        CyclicMode.Triangular2 => cycle => 1 / Math.Pow(2.0, cycle - 1),
        _ => step => Math.Pow(gamma, step),
    };
}
