using System.Diagnostics.Metrics;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;

namespace LrCluster.Grains.Metrics;

/// <summary>
/// The process-wide instruments of the grains: trials, training steps, checkpoints, failovers, lease losses and store
/// latency. Names follow OpenTelemetry's conventions (dotted, base units: seconds, bytes); the Prometheus exporter turns
/// <c>lrc.trials.started</c> into <c>lrc_trials_started_total</c> and <c>lrc.step.duration</c> (unit <c>s</c>) into
/// <c>lrc_step_duration_seconds</c>. Every instrument has a description (the exporter writes HELP only then). Label sets
/// are small and fixed (phase, outcome, kind, operation): no sweep or trial id, so the exporter's cumulative store never
/// fills up. Histogram buckets are set by the silo's view (<c>MetricViews</c>), not here. One silo runs per process in a
/// cluster, so these need no silo label (Prometheus adds the instance). Recording is an <c>Add</c> with interned tag
/// strings: no allocation and no lock on the training step's path.
/// </summary>
public static class LrcMetrics
{
    /// <summary>The meter of these instruments; a MeterProvider subscribes to it by this name.</summary>
    public const string MeterName = "LrCluster.Grains";

    public static readonly string[] Phases = [PhaseLabel(TrialPhase.RangeTest), PhaseLabel(TrialPhase.Clr)];

    public static readonly string[] Outcomes = ["completed", "diverged", "failed", "cancelled", "interrupted", "lease_lost"];

    public static readonly string[] LeaseKinds = ["trial", "sweep"];

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> TrialsStarted = Meter.CreateCounter<long>(
        "lrc.trials.started", "{trial}", "Trial activations started on this silo (a resumed trial counts again).");

    public static readonly Counter<long> TrialsFinished = Meter.CreateCounter<long>(
        "lrc.trials.finished", "{trial}", "Trial activations ended on this silo, by outcome.");

    public static readonly Counter<long> TrainingSteps = Meter.CreateCounter<long>(
        "lrc.training.steps", "{step}", "Optimizer steps taken on this silo.");

    public static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>(
        "lrc.step.duration", "s", "Wall time of one training step (from the end of one recorded step to the next).");

    public static readonly Counter<long> Divergences = Meter.CreateCounter<long>(
        "lrc.divergences", "{trial}", "Trials stopped by the divergence rule or a non-finite loss.");

    public static readonly Counter<long> Checkpoints = Meter.CreateCounter<long>(
        "lrc.checkpoints", "{checkpoint}", "Checkpoints written (trainer state and the points before it, one transaction).");

    public static readonly Counter<long> CheckpointBytes = Meter.CreateCounter<long>(
        "lrc.checkpoint.bytes", "By", "Bytes of trainer state written in checkpoints.");

    public static readonly Histogram<double> CheckpointDuration = Meter.CreateHistogram<double>(
        "lrc.checkpoint.duration", "s", "Time to write one checkpoint to the store.");

    public static readonly Counter<long> Failovers = Meter.CreateCounter<long>(
        "lrc.failovers", "{trial}", "Trials claimed here with epoch > 1: resumed after their previous owner died or stopped.");

    public static readonly Counter<long> LeaseLosses = Meter.CreateCounter<long>(
        "lrc.lease.losses", "{lease}", "Activations stopped because a newer epoch took their trial or sweep.");

    public static readonly Histogram<double> StoreOperationDuration = Meter.CreateHistogram<double>(
        "lrc.store.operation.duration", "s", "Duration of store calls made by this silo, by operation.");

    /// <summary>The <c>phase</c> label: <c>range_test</c> or <c>clr</c> (interned, so tagging allocates nothing).</summary>
    public static string PhaseLabel(TrialPhase phase) => phase == TrialPhase.RangeTest ? "range_test" : "clr";

    /// <summary>The <c>state</c> label of a sweep.</summary>
    public static string StateLabel(SweepState state) => state switch
    {
        SweepState.Pending => "pending",
        SweepState.RangeTest => "range_test",
        SweepState.Deciding => "deciding",
        SweepState.Clr => "clr",
        SweepState.Completed => "completed",
        SweepState.Failed => "failed",
        _ => "cancelled",
    };

    /// <summary>The <c>status</c> label of a trial.</summary>
    public static string StatusLabel(TrialStatus status) => status switch
    {
        TrialStatus.Pending => "pending",
        TrialStatus.Running => "running",
        TrialStatus.Completed => "completed",
        TrialStatus.Diverged => "diverged",
        TrialStatus.Failed => "failed",
        _ => "cancelled",
    };

    public static KeyValuePair<string, object?> Phase(string phase) => new("phase", phase);

    /// <summary>Records a lost lease of a <c>trial</c> or a <c>sweep</c>.</summary>
    public static void LeaseLost(string kind) => LeaseLosses.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>A checkpoint written: its trainer-state size and how long the write took.</summary>
    public static void CheckpointWritten(long bytes, double seconds)
    {
        Checkpoints.Add(1);
        CheckpointBytes.Add(bytes);
        CheckpointDuration.Record(seconds);
    }

    /// <summary>
    /// Adds zero to every counter series of the bounded label sets, so each exists from the start: a dashboard's
    /// rate() and increase() see 0 instead of no data. Call after a MeterProvider subscribed.
    /// </summary>
    public static void Touch()
    {
        foreach (var phase in Phases)
        {
            var p = Phase(phase);
            TrialsStarted.Add(0, p);
            TrainingSteps.Add(0, p);
            Divergences.Add(0, p);
            foreach (var outcome in Outcomes)
            {
                TrialsFinished.Add(0, p, new KeyValuePair<string, object?>("outcome", outcome));
            }
        }

        foreach (var kind in LeaseKinds)
        {
            LeaseLosses.Add(0, new KeyValuePair<string, object?>("kind", kind));
        }

        Checkpoints.Add(0);
        CheckpointBytes.Add(0);
        Failovers.Add(0);
    }
}
