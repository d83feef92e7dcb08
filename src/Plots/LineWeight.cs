namespace LrCluster.Plots;

/// <summary>How much a line stands out: faint context (single repeats), normal, or bold (the mean, the chosen candidate).</summary>
public enum LineWeight
{
    Faint,
    Normal,
    Bold,
}
