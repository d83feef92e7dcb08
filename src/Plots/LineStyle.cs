namespace LrCluster.Plots;

/// <summary>Visual weight of a line series.</summary>
public enum LineStyle
{
    /// <summary>The headline series, e.g. the mean or the suggested run.</summary>
    Bold,

    /// <summary>An ordinary series.</summary>
    Normal,

    /// <summary>Background context, e.g. the individual runs behind a mean; drawn thin and translucent, beneath the rest.</summary>
    Faint,

    /// <summary>A reference or secondary series.</summary>
    Dashed,
}
