namespace LrCluster.Core.Spec;

/// <summary>One cyclical configuration; null fields fall back to the sweep's bounds and step size or to the policy's defaults.</summary>
public sealed record ClrConfigSpec(
    string Name,
    string Policy,
    double? BaseLr = null,
    double? MaxLr = null,
    int? StepSizeUp = null,
    int? StepSizeDown = null,
    double? Gamma = null,
    string? ScaleMode = null,
    bool? CycleMomentum = null,
    double? BaseMomentum = null,
    double? MaxMomentum = null,
    double? PctStart = null,
    string? Anneal = null,
    double? DivFactor = null,
    double? FinalDivFactor = null,
    bool? ThreePhase = null,
    double? Decay = null,
    int? DecayFrequency = null,
    double? Patience = null,
    double? Factor = null,
    bool? DecreaseBaseLr = null,
    int? Cooldown = null)
{
    public static IReadOnlyList<string> Policies { get; } =
        ["triangular", "triangular2", "exp_range", "one_cycle", "decaying", "plateau", "fixed"];
}
