using System.Globalization;

namespace LrCluster.Silo.Metrics;

/// <summary>
/// A narrow writer of the Prometheus text exposition format 0.0.4: a family declaration (<c># HELP</c>, <c># TYPE</c>),
/// then its samples. Numbers are written in the invariant culture with <c>+Inf</c>, <c>-Inf</c> and <c>NaN</c> spelled
/// as Prometheus reads them; label values escape backslash, double quote and newline; help text escapes backslash and
/// newline. Names are taken as given except that characters Prometheus does not allow become <c>_</c>. Lines end in
/// <c>\n</c> whatever the platform.
/// </summary>
public sealed class PrometheusTextWriter(TextWriter output)
{
    /// <summary>The content type of this format, for the HTTP response.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Declares a family; its samples follow. A family must be declared once per exposition.</summary>
    public void Family(string name, PrometheusMetricType type, string? help)
    {
        var family = MetricName(name);
        if (!string.IsNullOrEmpty(help))
        {
            output.Write("# HELP ");
            output.Write(family);
            output.Write(' ');
            output.Write(EscapeHelp(help));
            output.Write('\n');
        }

        output.Write("# TYPE ");
        output.Write(family);
        output.Write(' ');
        output.Write(type switch
        {
            PrometheusMetricType.Counter => "counter",
            PrometheusMetricType.Gauge => "gauge",
            _ => "histogram",
        });
        output.Write('\n');
    }

    /// <summary>One sample: <c>name{labels} value</c>.</summary>
    public void Point(string name, IReadOnlyList<KeyValuePair<string, string>> labels, double value) =>
        Sample(name, labels, null, Format(value));

    /// <summary>One sample with an integer value.</summary>
    public void Point(string name, IReadOnlyList<KeyValuePair<string, string>> labels, long value) =>
        Sample(name, labels, null, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// One histogram: a cumulative <c>_bucket</c> sample per upper bound (the <c>le</c> label), always ending with
    /// <c>le="+Inf"</c> equal to the count, then <c>_sum</c> and <c>_count</c>.
    /// </summary>
    /// <param name="buckets">Upper bounds in increasing order with their cumulative counts; a final +Inf bound may be given or left out.</param>
    public void Histogram(string name, IReadOnlyList<KeyValuePair<string, string>> labels,
        IReadOnlyList<(double UpperBound, long CumulativeCount)> buckets, double sum, long count)
    {
        var sawInf = false;
        foreach (var (bound, cumulative) in buckets)
        {
            sawInf |= double.IsPositiveInfinity(bound);
            Sample(name + "_bucket", labels, Format(bound), cumulative.ToString(CultureInfo.InvariantCulture));
        }

        if (!sawInf)
        {
            Sample(name + "_bucket", labels, "+Inf", count.ToString(CultureInfo.InvariantCulture));
        }

        Sample(name + "_sum", labels, null, Format(sum));
        Sample(name + "_count", labels, null, count.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A number as Prometheus reads it: shortest round-trip form, invariant culture, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>A label value inside its double quotes: backslash, double quote and newline escaped.</summary>
    public static string EscapeLabelValue(string value) =>
        value.AsSpan().IndexOfAny("\\\"\n") < 0
            ? value
            : value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Help text: backslash and newline escaped (a double quote stays as it is).</summary>
    public static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>A metric name: <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>, other characters replaced by <c>_</c>.</summary>
    public static string MetricName(string name) => Sanitize(name, allowColon: true);

    /// <summary>A label name: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>, other characters replaced by <c>_</c>.</summary>
    public static string LabelName(string name) => Sanitize(name, allowColon: false);

    private void Sample(string name, IReadOnlyList<KeyValuePair<string, string>> labels, string? le, string value)
    {
        output.Write(MetricName(name));
        if (labels.Count > 0 || le is not null)
        {
            output.Write('{');
            var first = true;
            foreach (var (key, labelValue) in labels)
            {
                Label(key, labelValue, ref first);
            }

            if (le is not null)
            {
                Label("le", le, ref first);
            }

            output.Write('}');
        }

        output.Write(' ');
        output.Write(value);
        output.Write('\n');
    }

    private void Label(string key, string value, ref bool first)
    {
        if (!first)
        {
            output.Write(',');
        }

        first = false;
        output.Write(LabelName(key));
        output.Write("=\"");
        output.Write(EscapeLabelValue(value));
        output.Write('"');
    }

    private static string Sanitize(string name, bool allowColon)
    {
        static bool Valid(char c, int i, bool colon) =>
            c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || (colon && c == ':') || (i > 0 && c is >= '0' and <= '9');

        for (var i = 0; i < name.Length; i++)
        {
            if (!Valid(name[i], i, allowColon))
            {
                return string.Create(name.Length, (name, allowColon), static (span, state) =>
                {
                    for (var j = 0; j < span.Length; j++)
                    {
                        var c = state.name[j];
                        span[j] = Valid(c, j, state.allowColon) ? c : '_';
                    }
                });
            }
        }

        return name.Length == 0 ? "_" : name;
    }
}
