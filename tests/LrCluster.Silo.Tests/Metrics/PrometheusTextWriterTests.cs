using System.Globalization;
using LrCluster.Silo.Metrics;

namespace LrCluster.Silo.Tests.Metrics;

public sealed class PrometheusTextWriterTests
{
    private static readonly KeyValuePair<string, string>[] NoLabels = [];

    private static string Write(Action<PrometheusTextWriter> write)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        write(new PrometheusTextWriter(text));
        return text.ToString();
    }

    private static KeyValuePair<string, string>[] Labels(params (string Key, string Value)[] labels) =>
        [.. labels.Select(l => new KeyValuePair<string, string>(l.Key, l.Value))];

    [Fact]
    public void A_counter_is_declared_with_help_and_type_and_written_with_its_labels()
    {
        var text = Write(w =>
        {
            w.Family("lrc_trials_started_total", PrometheusMetricType.Counter, "Trial activations started.");
            w.Point("lrc_trials_started_total", Labels(("phase", "range_test")), 6L);
            w.Point("lrc_trials_started_total", Labels(("phase", "clr")), 3L);
        });

        Assert.Equal("""
            # HELP lrc_trials_started_total Trial activations started.
            # TYPE lrc_trials_started_total counter
            lrc_trials_started_total{phase="range_test"} 6
            lrc_trials_started_total{phase="clr"} 3

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void A_gauge_without_labels_or_help_is_a_type_line_and_a_bare_sample()
    {
        var text = Write(w =>
        {
            w.Family("lrc_slots_total", PrometheusMetricType.Gauge, null);
            w.Point("lrc_slots_total", NoLabels, 4L);
        });

        Assert.Equal("# TYPE lrc_slots_total gauge\nlrc_slots_total 4\n", text);
    }

    [Fact]
    public void A_histogram_writes_cumulative_buckets_ending_in_plus_inf_then_sum_and_count()
    {
        var text = Write(w =>
        {
            w.Family("lrc_step_duration_seconds", PrometheusMetricType.Histogram, "Step time.");
            w.Histogram("lrc_step_duration_seconds", Labels(("phase", "clr")), [(0.0001, 0), (0.001, 2), (0.01, 5)], 0.0123, 7);
        });

        Assert.Equal("""
            # HELP lrc_step_duration_seconds Step time.
            # TYPE lrc_step_duration_seconds histogram
            lrc_step_duration_seconds_bucket{phase="clr",le="0.0001"} 0
            lrc_step_duration_seconds_bucket{phase="clr",le="0.001"} 2
            lrc_step_duration_seconds_bucket{phase="clr",le="0.01"} 5
            lrc_step_duration_seconds_bucket{phase="clr",le="+Inf"} 7
            lrc_step_duration_seconds_sum{phase="clr"} 0.0123
            lrc_step_duration_seconds_count{phase="clr"} 7

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void A_histogram_given_its_plus_inf_bucket_writes_it_once()
    {
        var text = Write(w => w.Histogram("h_seconds", NoLabels, [(1, 1), (double.PositiveInfinity, 3)], 4.5, 3));

        Assert.Equal("h_seconds_bucket{le=\"1\"} 1\nh_seconds_bucket{le=\"+Inf\"} 3\nh_seconds_sum 4.5\nh_seconds_count 3\n", text);
    }

    [Fact]
    public void Label_values_escape_backslash_newline_and_double_quote_and_help_escapes_backslash_and_newline()
    {
        var text = Write(w =>
        {
            w.Family("lrc_trial_lr", PrometheusMetricType.Gauge, "line one\nback\\slash \"quoted\"");
            w.Point("lrc_trial_lr", Labels(("sweep", "a\\b"), ("trial", "two\nlines"), ("phase", "say \"hi\"")), 0.5);
        });

        Assert.Equal("""
            # HELP lrc_trial_lr line one\nback\\slash "quoted"
            # TYPE lrc_trial_lr gauge
            lrc_trial_lr{sweep="a\\b",trial="two\nlines",phase="say \"hi\""} 0.5

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Non_finite_values_are_spelled_the_prometheus_way()
    {
        var text = Write(w =>
        {
            w.Family("lrc_trial_smoothed_loss", PrometheusMetricType.Gauge, null);
            w.Point("lrc_trial_smoothed_loss", Labels(("trial", "nan")), double.NaN);
            w.Point("lrc_trial_smoothed_loss", Labels(("trial", "up")), double.PositiveInfinity);
            w.Point("lrc_trial_smoothed_loss", Labels(("trial", "down")), double.NegativeInfinity);
        });

        Assert.Equal("""
            # TYPE lrc_trial_smoothed_loss gauge
            lrc_trial_smoothed_loss{trial="nan"} NaN
            lrc_trial_smoothed_loss{trial="up"} +Inf
            lrc_trial_smoothed_loss{trial="down"} -Inf

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Numbers_use_the_invariant_culture_whatever_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CommaCulture();
            Assert.Equal("1,5", 1.5.ToString(CultureInfo.CurrentCulture));

            var text = Write(w =>
            {
                w.Point("lrc_trial_lr", NoLabels, 1.5);
                w.Point("lrc_checkpoint_bytes_total", NoLabels, 1234567L);
                w.Histogram("h_seconds", NoLabels, [(0.25, 1)], 0.125, 1);
            });

            Assert.Equal("lrc_trial_lr 1.5\nlrc_checkpoint_bytes_total 1234567\nh_seconds_bucket{le=\"0.25\"} 1\nh_seconds_bucket{le=\"+Inf\"} 1\n"
                + "h_seconds_sum 0.125\nh_seconds_count 1\n", text);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Small_and_large_numbers_round_trip()
    {
        Assert.Equal("1E-05", PrometheusTextWriter.Format(1e-5));
        Assert.Equal("0.1", PrometheusTextWriter.Format(0.1));
        Assert.Equal("1E+300", PrometheusTextWriter.Format(1e300));
        Assert.Equal("-0.25", PrometheusTextWriter.Format(-0.25));
    }

    [Fact]
    public void Names_with_characters_prometheus_does_not_allow_are_sanitized()
    {
        var text = Write(w => w.Point("lrc.trial-lr", Labels(("lrc.silo", "x"), ("9lives", "y")), 1L));

        Assert.Equal("lrc_trial_lr{lrc_silo=\"x\",_lives=\"y\"} 1\n", text);
    }

    /// <summary>de-DE where the runtime has culture data; this project runs with invariant globalization, so else a culture that writes 1,5 the same way.</summary>
    private static CultureInfo CommaCulture()
    {
        try
        {
            var german = CultureInfo.GetCultureInfo("de-DE");
            if (german.NumberFormat.NumberDecimalSeparator == ",")
            {
                return german;
            }
        }
        catch (CultureNotFoundException)
        {
        }

        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        return culture;
    }
}
