using System.Globalization;

namespace LrCluster.Core.Tests.Schedules;

/// <summary>Point-by-point comparison that reports the worst error, not just the first.</summary>
internal static class ReferenceAssert
{
    public const double Relative = 1e-12;
    public const double AbsoluteNearZero = 1e-15;

    public static void AllClose(string what, IReadOnlyList<double> expected, Func<int, double> actual)
    {
        Assert.NotEmpty(expected);
        int failures = 0;
        int worstIndex = -1;
        double worstExcess = double.NegativeInfinity;
        for (int i = 0; i < expected.Count; i++)
        {
            double e = expected[i];
            double a = actual(i);
            double allowed = Math.Max(Relative * Math.Abs(e), AbsoluteNearZero);

            // NaN must fail, so compare "not within" rather than "beyond".
            double excess = double.IsNaN(a) ? double.PositiveInfinity : Math.Abs(a - e) / allowed;
            if (!(excess <= 1))
            {
                failures++;
            }

            if (!(excess <= worstExcess))
            {
                worstExcess = excess;
                worstIndex = i;
            }
        }

        if (failures > 0)
        {
            double e = expected[worstIndex];
            double a = actual(worstIndex);
            Assert.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"{what}: {failures} of {expected.Count} points outside {Relative:E0} relative ({AbsoluteNearZero:E0} absolute); worst at step {worstIndex}: expected {e:R}, got {a:R}, relative error {Math.Abs(a - e) / Math.Abs(e):E3}."));
        }
    }
}
