using System.Diagnostics.Metrics;
using System.Text.Json;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;
using LrCluster.Grains.Sweeps;

namespace LrCluster.Grains.Metrics;

/// <summary>
/// The observable gauges of one silo, on a meter its host owns: its running trials (one series per trial, gone when the
/// trial ends), its slots, and the cluster as the store sees it (membership, sweeps by state, each live or recent sweep's
/// decision and results). The store is read at most once per <see cref="CacheFor"/>, so a scrape costs two queries
/// however many gauges read them. Sweep series are bounded: non-final sweeps, and final ones updated within
/// <see cref="Retention"/>, among the newest <see cref="MaxSweeps"/>.
/// </summary>
public sealed class ClusterGauges
{
    public const int MaxSweeps = 1000;
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private readonly string _silo;
    private readonly Func<ISweepStore?> _store;
    private readonly Func<IReadOnlyList<SiloInfo>> _silos;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private ClusterSnapshot _snapshot = ClusterSnapshot.Empty;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <param name="meter">The meter of the gauges, read with delta temporality (series nobody reports any more are forgotten).</param>
    /// <param name="silos">The membership as Orleans sees it (cached by Orleans; no store read).</param>
    public ClusterGauges(Meter meter, ClusterOptions options, Func<ISweepStore?> store, Func<IReadOnlyList<SiloInfo>> silos, TimeProvider? time = null)
    {
        _silo = options.Name;
        _store = store;
        _silos = silos;
        _time = time ?? TimeProvider.System;

        meter.CreateObservableGauge("lrc_trial_step", () => Trials(t => t.Step),
            "{step}", "Next step of each trial running on this silo.");
        meter.CreateObservableGauge("lrc_trial_lr", () => Trials(t => t.Lr),
            null, "Learning rate of each running trial's latest step.");
        meter.CreateObservableGauge("lrc_trial_smoothed_loss", () => Trials(t => t.Smoothed),
            null, "Smoothed training loss of each running trial's latest step.");
        meter.CreateObservableGauge("lrc_trial_steps_per_second", () => Trials(t => t.StepsPerSecond),
            "{step}/s", "Training steps per second of each running trial (one-second windows).");

        var slots = options.Slots;
        meter.CreateObservableGauge("lrc_slots", () => slots, "{slot}", "Trial slots of this silo.");
        // Counted from the live registry, per silo: an up-down counter on the process-wide meter would drift for a
        // silo whose provider started after other silos' trials did (several silos in one process, as in tests).
        meter.CreateObservableGauge("lrc_trials_running",
            () => LrcMetrics.Phases.Select(p => new Measurement<long>(LiveTrials.Of(_silo).Count(t => t.Phase == p), Tag("phase", p))),
            "{trial}", "Trial activations running on this silo now.");
        meter.CreateObservableGauge("lrc_slots_busy", () => LiveTrials.Of(_silo).Count(), "{slot}", "Slots of this silo running a trial.");

        meter.CreateObservableGauge("lrc_cluster_silos", () => Snapshot().SiloCounts.Select(c => new Measurement<long>(c.Value, Tag("status", c.Key))),
            "{silo}", "Silos in the Orleans membership by status (left: shutting down; dead: declared dead).");
        meter.CreateObservableGauge("lrc_silo_heartbeat_age_seconds",
            () => Snapshot().HeartbeatAges.Select(a => new Measurement<double>(a.AgeSeconds, Tag("silo", a.Silo))),
            "s", "Seconds since each live silo last wrote its I-am-alive to the membership table.");
        meter.CreateObservableGauge("lrc_sweeps", () => Snapshot().SweepCounts.Select(c => new Measurement<long>(c.Value, Tag("state", c.Key))),
            "{sweep}", "Sweeps by state, cluster-wide (the newest 1000).");
        meter.CreateObservableGauge("lrc_sweep_info", SweepInfo, null, "1 for every sweep not final yet, labelled with its phase.");
        meter.CreateObservableGauge("lrc_sweep_suggested_lr", SuggestedLrs, null,
            "Suggested LR of the chosen range-test candidate by method, for running and recently finished sweeps.");
        meter.CreateObservableGauge("lrc_sweep_section_lr", SectionLrs, null, "The chosen LR section's bounds (base, max).");
        meter.CreateObservableGauge("lrc_sweep_clr_val_loss", ClrValLosses, null, "Final validation loss of each cyclical config.");
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
                _snapshot = Read(store, now);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The database is restarting: show the last known state; the silo's own loops report the error.
            }

            return _snapshot;
        }
    }

    private ClusterSnapshot Read(ISweepStore store, DateTimeOffset now)
    {
        var silos = ClusterSnapshot.SiloStatuses.ToDictionary(s => s, _ => 0L);
        var ages = new List<(string, double)>();
        foreach (var silo in _silos())
        {
            var age = now - silo.HeartbeatAt;
            silos[silo.Status switch { "dead" => "dead", "shuttingDown" => "left", _ => "active" }]++;
            if (silo.Status is "active" or "joining" && age < Retention)
            {
                ages.Add((silo.Name, Math.Max(0, age.TotalSeconds)));
            }
        }

        var states = ClusterSnapshot.SweepStates.ToDictionary(s => s, _ => 0L);
        var sweeps = new List<ClusterSnapshot.Sweep>();
        foreach (var sweep in store.ListSweeps(MaxSweeps))
        {
            states[LrcMetrics.StateLabel(sweep.State)]++;
            var row = new ClusterSnapshot.Sweep(sweep.Id, sweep.State, null, null);
            if (!row.Final || now - sweep.UpdatedAt < Retention)
            {
                sweeps.Add(row with { Decision = Parse<SweepDecision>(sweep.DecisionJson), Results = Parse<SweepResults>(sweep.ResultsJson) });
            }
        }

        return new ClusterSnapshot(silos, ages, states, sweeps);
    }

    private IEnumerable<Measurement<double>> Trials(Func<TrialMetrics, double> value) =>
        LiveTrials.Of(_silo).Where(t => t.Step >= 0).Select(t => new Measurement<double>(value(t),
            Tag("sweep", t.SweepId), Tag("trial", t.TrialId), Tag("phase", t.Phase)));

    private IEnumerable<Measurement<long>> SweepInfo() => Snapshot().Sweeps.Where(s => !s.Final)
        .Select(s => new Measurement<long>(1, Tag("sweep", s.Id), Tag("phase", LrcMetrics.StateLabel(s.State))));

    private IEnumerable<Measurement<double>> SuggestedLrs() =>
        from s in Snapshot().Sweeps
        let chosen = s.Decision?.Candidates.FirstOrDefault(c => c.Candidate == s.Decision.ChosenCandidate)
        where chosen is not null
        from m in chosen.Suggestions
        where m.MeanCurveLr is not null
        select new Measurement<double>(m.MeanCurveLr!.Value, Tag("sweep", s.Id), Tag("method", m.Method));

    private IEnumerable<Measurement<double>> SectionLrs() =>
        from s in Snapshot().Sweeps
        where s.Decision?.Section is not null
        from b in new[] { ("base", s.Decision!.Section!.BaseLr), ("max", s.Decision.Section.MaxLr) }
        select new Measurement<double>(b.Item2, Tag("sweep", s.Id), Tag("bound", b.Item1));

    private IEnumerable<Measurement<double>> ClrValLosses() =>
        from s in Snapshot().Sweeps
        where s.Results is not null
        from r in s.Results!.Ranking
        select new Measurement<double>(r.FinalValLoss, Tag("sweep", s.Id), Tag("config", r.Config));

    private static T? Parse<T>(string? json)
        where T : class
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, Json.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);
}
