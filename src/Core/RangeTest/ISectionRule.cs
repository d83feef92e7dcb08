namespace LrCluster.Core.RangeTest;

/// <summary>Turns a range-test curve (and optionally a suggestion made on it) into CLR bounds.</summary>
public interface ISectionRule
{
    /// <summary>The rule's stable name, such as "smith".</summary>
    string Name { get; }

    /// <summary>The bounds, or null when the curve (or the missing suggestion) gives none.</summary>
    LrSection? Choose(IReadOnlyList<double> lrs, IReadOnlyList<double> losses, Suggestion? suggestion);
}
