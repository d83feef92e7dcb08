namespace LrCluster.Core.Sweeps;

/// <summary>
/// The broadcast: a cyclical configuration resolved to numbers (bounds from the range test or the spec,
/// step size in optimizer steps, total steps), enough to rebuild the schedule anywhere.
/// </summary>
public sealed record ScheduleParameters(
    string Policy,
    double BaseLr,
    double MaxLr,
    int StepSizeUp,
    int StepSizeDown,
    long TotalSteps,
    double Gamma,
    string ScaleMode,
    bool CycleMomentum,
    double BaseMomentum,
    double MaxMomentum,
    double PctStart,
    string Anneal,
    double DivFactor,
    double FinalDivFactor,
    bool ThreePhase,
    double Decay,
    int DecayFrequency,
    double Patience,
    double Factor,
    bool DecreaseBaseLr,
    int Cooldown);
