using System.Globalization;
using System.Text;

namespace LrCluster.Plots;

/// <summary>Culture-independent number formatting and XML escaping for the SVG writer.</summary>
internal static class SvgFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A coordinate with at most two decimals: sub-pixel precision beyond that only bloats the file.</summary>
    public static string Px(double value)
    {
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);

        // Rounding can produce negative zero, which would print as "-0" and break byte-for-byte comparisons.
        return rounded == 0 ? "0" : rounded.ToString("0.##", Invariant);
    }

    /// <summary>A label for a linear-axis tick, with just enough decimals to tell neighbouring ticks apart.</summary>
    public static string LinearTick(double value, double step)
    {
        if (Math.Abs(value) < step * 1e-6)
        {
            return "0";
        }

        // Very small steps or very large values would need long digit strings; exponent form stays short.
        if (step < 1e-4 || Math.Abs(value) >= 1e6)
        {
            return Compact(value);
        }

        var decimals = Math.Max(0, (int)Math.Ceiling(-Math.Log10(step) - 1e-9));
        return value.ToString("F" + decimals.ToString(Invariant), Invariant);
    }

    /// <summary>Short form used on log axes: 0.01 … 1000 written plainly, everything else as 1e-5 / 2.5e6.</summary>
    public static string Compact(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)) + 1e-9);
        if (exponent >= -2 && exponent <= 3)
        {
            return value.ToString("0.####", Invariant);
        }

        var mantissa = Math.Round(value / Math.Pow(10, exponent), 2);
        if (Math.Abs(mantissa) >= 10)
        {
            mantissa /= 10;
            exponent++;
        }

        var head = mantissa == 1 ? "" : mantissa == -1 ? "-" : mantissa.ToString("0.##", Invariant);
        return head.Length == 0 || head == "-"
            ? head + "1e" + exponent.ToString(Invariant)
            : head + "e" + exponent.ToString(Invariant);
    }

    /// <summary>
    /// Escapes text for element content and attribute values alike. Characters XML 1.0 cannot carry at all
    /// (most C0 controls) become U+FFFD so that a stray control byte in a run name cannot make the file unparsable.
    /// </summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                case '\t' or '\n' or '\r': sb.Append(c); break;
                case < ' ' or '\uFFFE' or '\uFFFF': sb.Append('\uFFFD'); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Rough rendered width of a label; sans-serif digits and lower case average about 0.6 em.</summary>
    public static double TextWidth(string text, double fontSize) => text.Length * fontSize * 0.6;
}
