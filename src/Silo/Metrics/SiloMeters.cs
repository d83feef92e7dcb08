using System.Diagnostics.Metrics;

namespace LrCluster.Silo.Metrics;

/// <summary>
/// The meters a silo host owns (the grains' process-wide instruments are on <see cref="Grains.Metrics.LrcMetrics"/>):
/// <see cref="Cumulative"/> for request counts and durations, read cumulatively, and <see cref="Live"/> for the observable
/// gauges whose series come and go (running trials, sweeps, silos), read with delta temporality so the SDK forgets a
/// series once nobody reports it. Both carry this host's <see cref="Instance"/> as a meter tag, so a process hosting
/// several silos (the tests) exposes each silo's own series at each <c>/metrics</c>.
/// </summary>
public sealed class SiloMeters : IDisposable
{
    public const string CumulativeName = "LrCluster.Silo";
    public const string LiveName = "LrCluster.Silo.Live";
    public const string InstanceTag = "lrc.silo.instance";

    public SiloMeters()
    {
        Cumulative = new Meter(new MeterOptions(CumulativeName) { Tags = [new(InstanceTag, Instance)] });
        Live = new Meter(new MeterOptions(LiveName) { Tags = [new(InstanceTag, Instance)] });
    }

    /// <summary>Tells this host's meters from those of another host in the same process.</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N");

    public Meter Cumulative { get; }

    public Meter Live { get; }

    public void Dispose()
    {
        Cumulative.Dispose();
        Live.Dispose();
    }
}
