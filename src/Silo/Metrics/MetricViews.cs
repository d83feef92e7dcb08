using System.Diagnostics.Metrics;
using LrCluster.Grains.Metrics;
using OpenTelemetry.Metrics;

namespace LrCluster.Silo.Metrics;

/// <summary>
/// The one view of a silo's MeterProvider (several views matching one instrument would export it twice): histogram
/// buckets for our instruments, and no instruments of another host's <see cref="IMeterFactory"/>. A MeterListener sees
/// every meter in the process, so without that rule a test process hosting several silos would merge their ASP.NET
/// Core, Orleans and gauge instruments into each <c>/metrics</c>; one silo per process (production) is unaffected.
/// </summary>
public static class MetricViews
{
    /// <summary>Training steps: 0.1 ms to 10 s.</summary>
    public static readonly double[] StepBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Checkpoint writes and store operations: 1 ms to 30 s.</summary>
    public static readonly double[] IoBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private const string OrleansMemoryMeter = "Microsoft.Orleans";

    public static MetricStreamConfiguration? For(Instrument instrument, IMeterFactory own)
    {
        if (instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own))
        {
            return MetricStreamConfiguration.Drop;
        }

        if (instrument.Meter.Name == OrleansMemoryMeter && instrument.Name is "orleans-runtime-available-memory" or "orleans-runtime-total-physical-memory")
        {
            // Megabytes, which a view cannot rescale to bytes; the process and runtime instrumentation export memory in bytes.
            return MetricStreamConfiguration.Drop;
        }

        if (instrument.Meter.Name != LrcMetrics.MeterName)
        {
            return null;
        }

        return instrument.Name switch
        {
            "lrc.step.duration" => Buckets(StepBuckets),
            "lrc.checkpoint.duration" or "lrc.store.operation.duration" => Buckets(IoBuckets),
            _ => null,
        };
    }

    private static ExplicitBucketHistogramConfiguration Buckets(double[] bounds) => new() { Boundaries = bounds };
}
