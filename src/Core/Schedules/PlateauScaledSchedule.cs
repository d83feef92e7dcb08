using System.Globalization;

namespace LrCluster.Core.Schedules;

/// <summary>
/// A cyclical schedule whose bounds shrink when the validation loss stops improving
/// (seed 003, R KerasMisc). The cycle position is never reset; only the bounds move.
/// </summary>
/// <remarks>
/// <see cref="At"/> depends on the epoch ends reported so far. One training loop reports them;
/// readers on other threads always see a consistent pair of bounds because the state is
/// replaced as a whole.
/// </remarks>
public sealed class PlateauScaledSchedule : ILrSchedule
{
    private readonly CyclicSchedule _cycle;
    private PlateauState _state;

    public PlateauScaledSchedule(CyclicOptions cyclic, PlateauOptions plateau)
    {
        ArgumentNullException.ThrowIfNull(cyclic);
        ArgumentNullException.ThrowIfNull(plateau);
        plateau.Validate();
        _cycle = new CyclicSchedule(cyclic);
        Plateau = plateau;
        _state = new PlateauState(cyclic.BaseLr, cyclic.MaxLr, double.PositiveInfinity, 0, 0, 0);
    }

    public CyclicOptions Cyclic => _cycle.Options;

    public PlateauOptions Plateau { get; }

    public string Policy => "plateau";

    public PlateauState State => Volatile.Read(ref _state);

    public ScheduleValue At(long step)
    {
        PlateauState state = State;
        return _cycle.At(step, state.BaseLr, state.MaxLr);
    }

    /// <summary>Reports the validation loss of the epoch that just ended; may shrink the bounds for the steps after it.</summary>
    public void OnEpochEnd(double valLoss)
    {
        PlateauState s = _state;

        // A NaN loss (a diverged epoch) is never an improvement and never becomes the best.
        bool worse = double.IsNaN(valLoss) || valLoss > s.Best;
        int counter = worse ? s.Counter + 1 : 0;
        double best = double.IsNaN(valLoss) ? s.Best : Math.Min(s.Best, valLoss);
        double baseLr = s.BaseLr;
        double maxLr = s.MaxLr;
        int cooldownLeft = s.CooldownLeft;

        if (cooldownLeft > 0)
        {
            cooldownLeft--;
        }
        else if (counter > Plateau.Patience)
        {
            // As in KerasMisc, only lowering the base starts a cooldown, and the counter keeps
            // running, so a long plateau shrinks the bounds again once the cooldown is over.
            if (Plateau.DecreaseBaseLr)
            {
                baseLr = Plateau.Factor * baseLr;
                cooldownLeft = Plateau.Cooldown;
            }

            double candidate = Plateau.Factor * maxLr;
            if (baseLr <= candidate)
            {
                maxLr = candidate;
            }
        }

        Volatile.Write(ref _state, new PlateauState(baseLr, maxLr, best, counter, cooldownLeft, s.Epochs + 1));
    }

    /// <summary>Puts back a state taken from <see cref="State"/>, e.g. when a trial resumes from a checkpoint.</summary>
    public void Restore(PlateauState s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (!double.IsFinite(s.BaseLr) || s.BaseLr < 0)
        {
            throw Invalid("BaseLr must be finite and >= 0", s.BaseLr);
        }

        if (!double.IsFinite(s.MaxLr) || s.MaxLr < s.BaseLr)
        {
            throw Invalid($"MaxLr must be finite and >= BaseLr ({Format(s.BaseLr)})", s.MaxLr);
        }

        if (double.IsNaN(s.Best))
        {
            throw Invalid("Best must not be NaN (+Infinity before the first epoch)", s.Best);
        }

        if (s.Counter < 0 || s.CooldownLeft < 0 || s.Epochs < 0)
        {
            throw new ArgumentException(
                $"PlateauState.Counter, CooldownLeft and Epochs must be >= 0; got {s.Counter}, {s.CooldownLeft}, {s.Epochs}.", nameof(s));
        }

        Volatile.Write(ref _state, s);
    }

    private static ArgumentException Invalid(string rule, double value) =>
        new($"PlateauState.{rule}; got {Format(value)}.", "s");

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
