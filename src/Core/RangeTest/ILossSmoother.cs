namespace LrCluster.Core.RangeTest;

/// <summary>
/// Turns the raw loss sequence of a range test into the smoothed one. The output depends only on the raw
/// sequence since the last <see cref="Reset"/>, so a resumed trial can rebuild its state by replaying the
/// stored raw losses.
/// </summary>
public interface ILossSmoother
{
    /// <summary>Feeds the next raw loss and returns the smoothed value for that step.</summary>
    double Next(double loss);

    /// <summary>Forgets all losses seen so far.</summary>
    void Reset();

    /// <summary>A short stable name of the smoother, such as "ema".</summary>
    string Kind { get; }
}
