namespace LrCluster.Core.RangeTest;

/// <summary>Picks a learning rate from a recorded (already smoothed) range-test curve.</summary>
public interface ISuggestionMethod
{
    /// <summary>The method's stable name, such as "valley".</summary>
    string Name { get; }

    /// <summary>
    /// The suggestion for the curve, or null when the curve is too short for the method. Learning rates must be
    /// finite and positive and both lists the same length; losses may hold NaN.
    /// </summary>
    Suggestion? Suggest(IReadOnlyList<double> lrs, IReadOnlyList<double> losses);
}
