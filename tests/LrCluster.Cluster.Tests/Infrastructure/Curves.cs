using LrCluster.Core.Sweeps;

namespace LrCluster.Cluster.Tests;

/// <summary>Assertions on recorded curves: steps 0..N-1 exactly once, and equality bit for bit.</summary>
internal static class Curves
{
    public static void AssertContinuous(IReadOnlyList<long> steps, string what)
    {
        Assert.True(steps.Count > 0, $"{what}: no points");
        var expected = Enumerable.Range(0, steps.Count).Select(i => (long)i).ToList();
        if (!expected.SequenceEqual(steps))
        {
            var duplicates = steps.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key).Take(5);
            var missing = Enumerable.Range(0, (int)steps.Max() + 1).Select(i => (long)i).Except(steps).Take(5);
            Assert.Fail($"{what}: steps are not 0..{steps.Count - 1} once each; duplicates [{string.Join(", ", duplicates)}], missing [{string.Join(", ", missing)}]");
        }
    }

    public static void AssertContinuous(IReadOnlyList<LossPoint> points, string what) => AssertContinuous(points.Select(p => p.Step).ToList(), what);

    public static void AssertSameBits(IReadOnlyList<double> expected, IReadOnlyList<double> actual, string what)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: {actual.Count} values, expected {expected.Count}");
        for (var i = 0; i < expected.Count; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
            {
                Assert.Fail($"{what}: value {i} is {actual[i]:R}, expected {expected[i]:R} (bit for bit)");
            }
        }
    }

    public static void AssertSameCurve(IReadOnlyList<LossPoint> expected, IReadOnlyList<LossPoint> actual, string what)
    {
        Assert.Equal(expected.Select(p => p.Step), actual.Select(p => p.Step));
        AssertSameBits(expected.Select(p => p.Loss).ToList(), actual.Select(p => p.Loss).ToList(), $"{what} loss");
        AssertSameBits(expected.Select(p => p.Lr).ToList(), actual.Select(p => p.Lr).ToList(), $"{what} lr");
        AssertSameBits(expected.Select(p => p.Smoothed).ToList(), actual.Select(p => p.Smoothed).ToList(), $"{what} smoothed");
    }
}
