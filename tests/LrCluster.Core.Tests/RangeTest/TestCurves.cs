namespace LrCluster.Core.Tests.RangeTest;

/// <summary>Small curve builders so the tests read as the losses they check.</summary>
internal static class TestCurves
{
    /// <summary>LRs 1, 2, ..., n: easy to read back from an index (lr = index + 1).</summary>
    public static double[] Lrs(int n) => Enumerable.Range(1, n).Select(i => (double)i).ToArray();

    /// <summary>
    /// The losses followed by five trailing points that fastai's window always trims; they are far below the
    /// rest so a method that forgot the trim would pick them.
    /// </summary>
    public static double[] WithTrimmedTail(params double[] window) => window.Concat(Enumerable.Repeat(-100.0, 5)).ToArray();
}
