using System.Globalization;

namespace LrCluster.Core.Schedules;

/// <summary>
/// Seed 003's (R KerasMisc) bandwidth scaling on plateau: after more than <see cref="Patience"/>
/// epochs without a lower validation loss, the bounds are multiplied by <see cref="Factor"/>.
/// The defaults (infinite patience) leave the bounds alone.
/// </summary>
public sealed record PlateauOptions(
    double Patience = double.PositiveInfinity,
    double Factor = 0.9,
    bool DecreaseBaseLr = true,
    int Cooldown = 2)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first field outside its allowed range.</summary>
    public void Validate()
    {
        if (!(Patience >= 0))
        {
            throw new ArgumentException(
                $"PlateauOptions.Patience must be >= 0 (epochs; +Infinity disables scaling); got {Format(Patience)}.", nameof(Patience));
        }

        if (!(Factor > 0 && Factor <= 1))
        {
            throw new ArgumentException($"PlateauOptions.Factor must be in (0, 1]; got {Format(Factor)}.", nameof(Factor));
        }

        if (Cooldown < 0)
        {
            throw new ArgumentException($"PlateauOptions.Cooldown must be >= 0 (epochs); got {Cooldown}.", nameof(Cooldown));
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
