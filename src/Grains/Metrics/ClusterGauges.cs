using System.Diagnostics.Metrics;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Store;

namespace LrCluster.Grains.Metrics;

/// <summary>
/// The observable gauges of one silo, on a meter its host owns: its slots and running trials, and the cluster as the
/// store sees it (membership by status, sweeps by state, the trials of unfinished sweeps by phase and status: the queue
/// depth is <c>lrc_trials{status="pending"}</c>). Every label set is fixed and small, so the series are bounded whatever
/// the cluster runs, and an exporter that keeps every series it has seen (Prometheus' cumulative store) never fills up.
/// The store is read at most once per <see cref="CacheFor"/>, so a scrape costs a few queries however many gauges read
/// them.
/// </summary>
public sealed class ClusterGauges
{
    public const int MaxSweeps = 1000;
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private readonly string _silo;
    private readonly Func<ISweepStore?> _store;
    private readonly Func<IReadOnlyList<SiloInfo>> _silos;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private ClusterSnapshot _snapshot = ClusterSnapshot.Empty;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <param name="silos">The membership as Orleans sees it (cached by Orleans; no store read).</param>
    public ClusterGauges(Meter meter, ClusterOptions options, Func<ISweepStore?> store, Func<IReadOnlyList<SiloInfo>> silos, TimeProvider? time = null)
    {
        _silo = options.Name;
        _store = store;
        _silos = silos;
        _time = time ?? TimeProvider.System;

        var slots = options.Slots;
        meter.CreateObservableGauge("lrc.slots", () => slots, "{slot}", "Trial slots of this silo.");
        // Counted from the live registry, per silo: an up-down counter on the process-wide meter would drift for a
        // silo whose provider started after other silos' trials did (several silos in one process, as in tests).
        meter.CreateObservableGauge("lrc.slots.busy", () => LiveTrials.Of(_silo).Count(), "{slot}", "Slots of this silo running a trial.");
        meter.CreateObservableGauge("lrc.trials.running",
            () => LrcMetrics.Phases.Select(p => new Measurement<long>(LiveTrials.Of(_silo).Count(t => t.Phase == p), Tag("phase", p))),
            "{trial}", "Trial activations running on this silo, by phase.");

        meter.CreateObservableGauge("lrc.cluster.silos",
            () => Snapshot().SiloCounts.Select(c => new Measurement<long>(c.Value, Tag("status", c.Key))),
            "{silo}", "Silos in the Orleans membership by status (left: shutting down; dead: declared dead).");
        meter.CreateObservableGauge("lrc.sweeps",
            () => Snapshot().SweepCounts.Select(c => new Measurement<long>(c.Value, Tag("state", c.Key))),
            "{sweep}", "Sweeps by state, cluster-wide (the newest 1000).");
        meter.CreateObservableGauge("lrc.trials",
            () => Snapshot().TrialCounts.Select(c => new Measurement<long>(c.Value, Tag("phase", c.Key.Phase), Tag("status", c.Key.Status))),
            "{trial}", "Trials of the sweeps not final yet, cluster-wide, by phase and status (pending: waiting for a slot).");
    }

    /// <summary>The cached snapshot, refreshed from the store when older than <see cref="CacheFor"/>. A store error keeps the last one.</summary>
    public ClusterSnapshot Snapshot()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (now - _readAt < CacheFor || _store() is not { } store)
            {
                return _snapshot;
            }

            _readAt = now;
            try
            {
                _snapshot = Read(store);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The database is restarting: show the last known state; the silo's own loops report the error.
            }

            return _snapshot;
        }
    }

    private ClusterSnapshot Read(ISweepStore store)
    {
        var silos = ClusterSnapshot.Zeros(ClusterSnapshot.SiloStatuses);
        foreach (var silo in _silos())
        {
            silos[silo.Status switch { "dead" => "dead", "shuttingDown" => "left", _ => "active" }]++;
        }

        var states = ClusterSnapshot.Zeros(ClusterSnapshot.SweepStates);
        var trials = ClusterSnapshot.TrialZeros();
        foreach (var sweep in store.ListSweeps(MaxSweeps))
        {
            states[LrcMetrics.StateLabel(sweep.State)]++;
            if (sweep.State is SweepState.Completed or SweepState.Failed or SweepState.Cancelled)
            {
                continue;
            }

            foreach (var trial in store.ListTrials(sweep.Id))
            {
                trials[(LrcMetrics.PhaseLabel(trial.Phase), LrcMetrics.StatusLabel(trial.Status))]++;
            }
        }

        return new ClusterSnapshot(silos, states, trials);
    }

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);
}
