namespace LrCluster.Plots;

/// <summary>Where a marker's label went: its row in the label band (0 = top) and its left and right edge in pixels.</summary>
public readonly record struct LabelBox(int Row, float Left, float Right)
{
    public bool Overlaps(LabelBox other, float gap) => Row == other.Row && Left < other.Right + gap && other.Left < Right + gap;
}
