namespace LrCluster.Core.Schedules;

/// <summary>
/// The 1cycle policy with PyTorch OneCycleLR's exact arithmetic, including its phase ends at
/// fractional steps (PctStart*T - 1, 2*PctStart*T - 2, T - 1) and its cosine formula.
/// </summary>
public sealed class OneCycleSchedule : ILrSchedule
{
    // Phase i runs from _ends[i-1] (0 for the first) to _ends[i], moving the LR from _lrs[i]
    // to _lrs[i+1] and the momentum from _momenta[i] to _momenta[i+1].
    private readonly double[] _ends;
    private readonly double[] _lrs;
    private readonly double[] _momenta;
    private readonly Func<double, double, double, double> _anneal;

    public OneCycleSchedule(OneCycleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;

        double initial = options.MaxLr / options.DivFactor;
        double min = initial / options.FinalDivFactor;
        double t = options.TotalSteps;
        double warmupEnd = options.PctStart * t - 1;
        if (options.ThreePhase)
        {
            _ends = [warmupEnd, 2 * options.PctStart * t - 2, t - 1];
            _lrs = [initial, options.MaxLr, initial, min];
            _momenta = [options.MaxMomentum, options.BaseMomentum, options.MaxMomentum, options.MaxMomentum];
        }
        else
        {
            _ends = [warmupEnd, t - 1];
            _lrs = [initial, options.MaxLr, min];
            _momenta = [options.MaxMomentum, options.BaseMomentum, options.MaxMomentum];
        }

        _anneal = options.Anneal == AnnealStrategy.Cos ? AnnealCos : AnnealLinear;
    }

    public OneCycleOptions Options { get; }

    public string Policy => "one_cycle";

    public ScheduleValue At(long step)
    {
        // PyTorch lets the scheduler reach step TotalSteps (extrapolating past the minimum) and
        // raises only after; a schedule of TotalSteps steps has no such step, so refuse it.
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(step, Options.TotalSteps);

        double start = 0;
        int last = _ends.Length - 1;
        for (int i = 0; ; i++)
        {
            double end = _ends[i];
            if (step <= end || i == last)
            {
                double pct = (step - start) / (end - start);
                double lr = _anneal(_lrs[i], _lrs[i + 1], pct);
                double? momentum = Options.CycleMomentum ? _anneal(_momenta[i], _momenta[i + 1], pct) : null;
                return new ScheduleValue(lr, momentum);
            }

            start = end;
        }
    }

    // Both formulas keep PyTorch's operation order so the values agree to the last bit.
    private static double AnnealCos(double start, double end, double pct)
    {
        double cosOut = Math.Cos(Math.PI * pct) + 1;
        return end + (start - end) / 2.0 * cosOut;
    }

    private static double AnnealLinear(double start, double end, double pct) => (end - start) * pct + start;
}
