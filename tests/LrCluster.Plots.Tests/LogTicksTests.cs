namespace LrCluster.Plots.Tests;

public sealed class LogTicksTests
{
    [Fact]
    public void A_wide_range_has_a_labelled_major_tick_per_decade_and_eight_minor_ticks_between()
    {
        var ticks = LogTicks.Compute(-6, 1);

        var majors = ticks.Where(t => t.IsMajor).ToList();
        Assert.Equal(Enumerable.Range(-6, 8).Select(d => (double)d), majors.Select(t => t.Position));
        Assert.Equal(["10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "1", "10"], majors.Select(t => t.Label));
        Assert.Equal(7 * 8, ticks.Count(t => !t.IsMajor));
        Assert.Contains(ticks, t => !t.IsMajor && Math.Abs(t.Position - Math.Log10(3e-4)) < 1e-12);
    }

    [Fact]
    public void A_range_of_more_than_ten_decades_labels_every_other_decade()
    {
        var majors = LogTicks.Compute(-12, 2).Where(t => t.IsMajor).Select(t => t.Position).ToList();

        Assert.All(majors, p => Assert.Equal(0, Math.Abs(p) % 2));
        Assert.Equal(8, majors.Count);
    }

    [Fact]
    public void A_narrow_range_also_labels_two_and_five_times_a_power()
    {
        var majors = LogTicks.Compute(Math.Log10(3e-4), Math.Log10(3e-3)).Where(t => t.IsMajor).Select(t => t.Label).ToList();

        Assert.Equal(["5×10⁻⁴", "10⁻³", "2×10⁻³"], majors);
    }

    [Theory]
    [InlineData(1, -7, "10⁻⁷")]
    [InlineData(1, 0, "1")]
    [InlineData(5, 1, "50")]
    [InlineData(2, 3, "2×10³")]
    [InlineData(1, -10, "10⁻¹⁰")]
    [InlineData(1, -4589, "10⁻⁴⁵⁸⁹")]
    public void Labels_are_powers_of_ten_with_superscript_exponents(int mantissa, int exponent, string expected) =>
        Assert.Equal(expected, LogTicks.Label(mantissa, exponent));
}
