namespace LrCluster.Core.Sweeps;

public enum TrialPhase
{
    RangeTest,
    Clr,
}
