namespace LrCluster.Core.Schedules;

/// <summary>The built-in amplitude scalings of a cyclical schedule (Smith 2017).</summary>
public enum CyclicMode
{
    /// <summary>Constant amplitude.</summary>
    Triangular,

    /// <summary>Amplitude halved every cycle.</summary>
    Triangular2,

    /// <summary>Amplitude multiplied by gamma every step.</summary>
    ExpRange,
}
