using System.Diagnostics.Metrics;

namespace LrCluster.Silo.Metrics;

/// <summary>
/// The meter this silo host owns (the grains' process-wide instruments are on <see cref="Grains.Metrics.LrcMetrics"/>),
/// made by the host's <see cref="IMeterFactory"/>: its <see cref="Meter.Scope"/> names this host, so when several hosts
/// share a process (the tests) each one's <c>/metrics</c> shows only its own gauges (<see cref="MetricViews"/>).
/// </summary>
public sealed class SiloMeters(IMeterFactory factory)
{
    public const string Name = "LrCluster.Silo";

    public Meter Meter { get; } = factory.Create(Name);
}
