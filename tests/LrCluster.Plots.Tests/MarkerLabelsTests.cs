namespace LrCluster.Plots.Tests;

public sealed class MarkerLabelsTests
{
    [Fact]
    public void Labels_of_markers_a_pixel_apart_go_to_separate_rows()
    {
        var boxes = MarkerLabels.Place([(300f, 90f), (301f, 90f), (303f, 90f)], 0, 800);

        Assert.Equal([0, 1, 2], boxes.Select(b => b.Row));
        AssertDisjoint(boxes);
    }

    [Fact]
    public void Labels_far_enough_apart_share_the_top_row()
    {
        var boxes = MarkerLabels.Place([(100f, 80f), (400f, 80f), (700f, 80f)], 0, 800);

        Assert.All(boxes, b => Assert.Equal(0, b.Row));
    }

    [Fact]
    public void A_label_at_the_plot_edge_is_shifted_inside_and_centred_elsewhere()
    {
        var boxes = MarkerLabels.Place([(5f, 100f), (400f, 100f), (795f, 100f)], 0, 800);

        Assert.Equal(0, boxes[0].Left);
        Assert.Equal(350, boxes[1].Left);
        Assert.Equal(800, boxes[2].Right);
    }

    [Fact]
    public void Rows_are_reused_as_soon_as_a_label_fits()
    {
        // a and b collide, c collides with b only: c goes back to the first row, beside a.
        var boxes = MarkerLabels.Place([(100f, 100f), (150f, 100f), (260f, 100f)], 0, 800);

        Assert.Equal([0, 1, 0], boxes.Select(b => b.Row));
        AssertDisjoint(boxes);
    }

    private static void AssertDisjoint(IReadOnlyList<LabelBox> boxes)
    {
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                Assert.False(boxes[i].Overlaps(boxes[j], 0), $"labels {i} and {j} overlap");
            }
        }
    }
}
