namespace LrCluster.Plots;

/// <summary>
/// Places marker labels in rows of a band kept free of data at the top of the plot: each label is centred over its
/// marker (shifted to stay inside the plot), in the first row where it keeps <see cref="Gap"/> pixels from every label
/// already there. Going left to right, this uses as few rows as any placement can (interval colouring), and since the band
/// holds no data, no label covers another, the curve or the curve's end, however close the markers are. ScottPlot draws
/// text where it is told and has no collision avoidance, so this small piece is ours.
/// </summary>
public static class MarkerLabels
{
    public const float Gap = 8;

    /// <param name="labels">Each label's anchor (the marker's x in pixels) and width in pixels.</param>
    /// <param name="left">The plot's left edge in pixels.</param>
    /// <param name="right">The plot's right edge in pixels.</param>
    public static IReadOnlyList<LabelBox> Place(IReadOnlyList<(float Anchor, float Width)> labels, float left, float right)
    {
        var boxes = new LabelBox[labels.Count];
        var placed = new List<LabelBox>();
        foreach (var i in Enumerable.Range(0, labels.Count).OrderBy(i => labels[i].Anchor).ThenBy(i => i))
        {
            var (anchor, width) = labels[i];
            var start = Math.Clamp(anchor - (width / 2), left, Math.Max(left, right - width));
            var row = 0;
            while (placed.Any(p => p.Overlaps(new LabelBox(row, start, start + width), Gap)))
            {
                row++;
            }

            boxes[i] = new LabelBox(row, start, start + width);
            placed.Add(boxes[i]);
        }

        return boxes;
    }
}
