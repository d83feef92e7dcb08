using System.Globalization;

namespace LrCluster.Core.Schedules;

/// <summary>
/// A cyclical schedule with PyTorch CyclicLR's meaning: a custom <see cref="ScaleFn"/> replaces
/// <see cref="Mode"/> and defaults to <see cref="Schedules.ScaleMode.Cycle"/>; the built-in modes fix their own scale mode.
/// </summary>
public sealed record CyclicOptions(
    double BaseLr,
    double MaxLr,
    int StepSizeUp,
    int? StepSizeDown = null,
    CyclicMode Mode = CyclicMode.Triangular,
    double Gamma = 1.0,
    Func<double, double>? ScaleFn = null,
    ScaleMode? ScaleMode = null,
    bool CycleMomentum = false,
    double BaseMomentum = 0.8,
    double MaxMomentum = 0.9)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first field outside its allowed range.</summary>
    public void Validate()
    {
        if (!double.IsFinite(BaseLr) || BaseLr < 0)
        {
            throw Invalid(nameof(BaseLr), "must be finite and >= 0", BaseLr);
        }

        if (!double.IsFinite(MaxLr) || MaxLr < BaseLr)
        {
            throw Invalid(nameof(MaxLr), $"must be finite and >= BaseLr ({Format(BaseLr)})", MaxLr);
        }

        // Zero steps up would divide by zero at step 0 (PyTorch raises there); zero steps down
        // is a well-defined sawtooth.
        if (StepSizeUp < 1)
        {
            throw Invalid(nameof(StepSizeUp), "must be >= 1", StepSizeUp);
        }

        if (StepSizeDown is < 0)
        {
            throw Invalid(nameof(StepSizeDown), "must be null (same as StepSizeUp) or >= 0", StepSizeDown.Value);
        }

        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentException(
                $"CyclicOptions.Mode must be Triangular, Triangular2 or ExpRange; got {(int)Mode}.", nameof(Mode));
        }

        if (!(Gamma > 0 && Gamma <= 1))
        {
            throw Invalid(nameof(Gamma), "must be in (0, 1]", Gamma);
        }

        if (ScaleMode is { } requested && !Enum.IsDefined(requested))
        {
            throw new ArgumentException(
                $"CyclicOptions.ScaleMode must be null, Cycle or Iterations; got {(int)requested}.", nameof(ScaleMode));
        }

        // PyTorch silently ignores scale_mode for the built-in modes; a spec that asks for a
        // different one almost certainly expects it to take effect, so say so instead.
        if (ScaleFn is null && ScaleMode is { } explicitMode && explicitMode != BuiltInScaleMode(Mode))
        {
            throw new ArgumentException(
                $"CyclicOptions.ScaleMode must be null or {BuiltInScaleMode(Mode)} for Mode {Mode} without a ScaleFn; got {explicitMode}.",
                nameof(ScaleMode));
        }

        if (!(BaseMomentum >= 0 && BaseMomentum <= 1))
        {
            throw Invalid(nameof(BaseMomentum), "must be in [0, 1]", BaseMomentum);
        }

        if (!(MaxMomentum >= BaseMomentum && MaxMomentum <= 1))
        {
            throw Invalid(nameof(MaxMomentum), $"must be in [BaseMomentum ({Format(BaseMomentum)}), 1]", MaxMomentum);
        }
    }

    /// <summary>The scale mode the schedule actually uses.</summary>
    internal Schedules.ScaleMode ResolvedScaleMode() =>
        ScaleFn is null ? BuiltInScaleMode(Mode) : ScaleMode ?? Schedules.ScaleMode.Cycle;

    private static Schedules.ScaleMode BuiltInScaleMode(CyclicMode mode) =>
        mode == CyclicMode.ExpRange ? Schedules.ScaleMode.Iterations : Schedules.ScaleMode.Cycle;

    private static ArgumentException Invalid(string field, string rule, double value) =>
        new($"CyclicOptions.{field} {rule}; got {Format(value)}.", field);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
