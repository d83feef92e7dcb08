using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace LrCluster.Plots;

/// <summary>
/// Ticks for an axis that holds log10 of the data (ScottPlot 5 draws log scales that way). Wide ranges get a major
/// tick per decade (every other one past ten decades) labelled 10ⁿ and minor ticks at 2..9 × 10ⁿ; ranges under three
/// decades also label 2 × 10ⁿ and 5 × 10ⁿ, so a zoomed figure never shows fewer than two labels.
/// </summary>
public static class LogTicks
{
    public static NumericManual Create(double minLog10, double maxLog10) => new([.. Compute(minLog10, maxLog10)]);

    public static IReadOnlyList<Tick> Compute(double minLog10, double maxLog10)
    {
        var ticks = new List<Tick>();
        var span = maxLog10 - minLog10;
        var every = span > 10 ? 2 : 1;
        var fine = span < 3;
        for (var decade = (int)Math.Floor(minLog10); decade <= (int)Math.Ceiling(maxLog10); decade++)
        {
            for (var m = 1; m <= 9; m++)
            {
                var position = decade + Math.Log10(m);
                if (position < minLog10 - 1e-9 || position > maxLog10 + 1e-9)
                {
                    continue;
                }

                if (m == 1 && decade % every == 0)
                {
                    ticks.Add(Tick.Major(position, Label(1, decade)));
                }
                else if (fine && m is 2 or 5)
                {
                    ticks.Add(Tick.Major(position, Label(m, decade)));
                }
                else
                {
                    ticks.Add(Tick.Minor(position));
                }
            }
        }

        return ticks;
    }

    /// <summary>"10⁻³", "2×10⁻³"; plain digits for 1, 10 and 100, which read better than powers.</summary>
    public static string Label(int mantissa, int exponent)
    {
        if (exponent is >= 0 and <= 2)
        {
            return (mantissa * Math.Pow(10, exponent)).ToString("0", CultureInfo.InvariantCulture);
        }

        var power = "10" + Superscript(exponent);
        return mantissa == 1 ? power : $"{mantissa}×{power}";
    }

    private static string Superscript(int exponent) =>
        string.Concat(exponent.ToString(CultureInfo.InvariantCulture).Select(c => c switch
        {
            '-' => '⁻',
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            _ => (char)('⁴' + (c - '4')),
        }));
}
