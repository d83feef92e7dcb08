using System.Globalization;

namespace LrCluster.Core.Schedules;

/// <summary>
/// Smith's 1cycle policy with PyTorch OneCycleLR's meaning: the LR starts at MaxLr / DivFactor,
/// peaks at MaxLr after PctStart of TotalSteps and ends at MaxLr / DivFactor / FinalDivFactor.
/// </summary>
public sealed record OneCycleOptions(
    double MaxLr,
    long TotalSteps,
    double PctStart = 0.3,
    AnnealStrategy Anneal = AnnealStrategy.Cos,
    double DivFactor = 25,
    double FinalDivFactor = 1e4,
    bool ThreePhase = false,
    bool CycleMomentum = true,
    double BaseMomentum = 0.85,
    double MaxMomentum = 0.95)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first field outside its allowed range.</summary>
    public void Validate()
    {
        if (!double.IsFinite(MaxLr) || MaxLr <= 0)
        {
            throw Invalid(nameof(MaxLr), "must be finite and > 0", Format(MaxLr));
        }

        if (TotalSteps < 1)
        {
            throw Invalid(nameof(TotalSteps), "must be >= 1", TotalSteps.ToString(CultureInfo.InvariantCulture));
        }

        if (!(PctStart >= 0 && PctStart <= 1))
        {
            throw Invalid(nameof(PctStart), "must be in [0, 1]", Format(PctStart));
        }

        // The warm-up phase ends at step PctStart*TotalSteps - 1; at exactly 0 the first step
        // divides zero by zero (PyTorch raises ZeroDivisionError there).
        if (PctStart * TotalSteps - 1 == 0)
        {
            throw new ArgumentException(
                $"OneCycleOptions.PctStart * TotalSteps must not equal 1: the warm-up phase would have zero length; got {Format(PctStart)} * {TotalSteps}.",
                nameof(PctStart));
        }

        if (!Enum.IsDefined(Anneal))
        {
            throw Invalid(nameof(Anneal), "must be Cos or Linear", ((int)Anneal).ToString(CultureInfo.InvariantCulture));
        }

        if (!double.IsFinite(DivFactor) || DivFactor <= 0)
        {
            throw Invalid(nameof(DivFactor), "must be finite and > 0", Format(DivFactor));
        }

        if (!double.IsFinite(FinalDivFactor) || FinalDivFactor <= 0)
        {
            throw Invalid(nameof(FinalDivFactor), "must be finite and > 0", Format(FinalDivFactor));
        }

        if (!(BaseMomentum >= 0 && BaseMomentum <= 1))
        {
            throw Invalid(nameof(BaseMomentum), "must be in [0, 1]", Format(BaseMomentum));
        }

        if (!(MaxMomentum >= BaseMomentum && MaxMomentum <= 1))
        {
            throw Invalid(nameof(MaxMomentum), $"must be in [BaseMomentum ({Format(BaseMomentum)}), 1]", Format(MaxMomentum));
        }
    }

    private static ArgumentException Invalid(string field, string rule, string value) =>
        new($"OneCycleOptions.{field} {rule}; got {value}.", field);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
