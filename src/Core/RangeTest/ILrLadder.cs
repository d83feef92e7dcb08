namespace LrCluster.Core.RangeTest;

/// <summary>The learning rate a range test uses at each optimizer step.</summary>
public interface ILrLadder
{
    /// <summary>How many steps the ladder has (for open-ended ladders, the step cap).</summary>
    int StepCount { get; }

    /// <summary>The learning rate at <paramref name="step"/>, counted from 0.</summary>
    double LrAt(int step);

    /// <summary>A short stable name of the ladder kind, such as "exp" or "linear".</summary>
    string Mode { get; }
}
