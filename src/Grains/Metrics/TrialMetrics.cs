using System.Diagnostics;
using LrCluster.Core.Sweeps;
using LrCluster.Grains.Store;

namespace LrCluster.Grains.Metrics;

/// <summary>
/// One trial activation as metrics see it: counted as started (and as a failover when its epoch is above 1), listed in
/// <see cref="LiveTrials"/> while it runs (the slot and running-trial gauges count it), and counted as finished with its
/// outcome when disposed. <see cref="StepStarted"/> and <see cref="StepEnded"/> run once per training step on the trial's
/// own thread: two timestamps and two instrument calls, nothing allocated and nothing locked. No series is labelled with
/// the trial: a trial's live curve is the gateway's (server-sent events, <c>lrc watch</c>), not Prometheus'.
/// </summary>
public sealed class TrialMetrics : IDisposable
{
    private readonly KeyValuePair<string, object?> _phaseTag;
    private long _lastEnd;
    private int _disposed;

    public TrialMetrics(string silo, TrialRef trial, TrialPhase phase)
    {
        Silo = silo;
        Phase = LrcMetrics.PhaseLabel(phase);
        _phaseTag = LrcMetrics.Phase(Phase);
        LrcMetrics.TrialsStarted.Add(1, _phaseTag);
        if (trial.Epoch > 1)
        {
            LrcMetrics.Failovers.Add(1);
        }

        LiveTrials.Add(this);
    }

    /// <summary>The silo that runs it (a silo's gauges count only its own).</summary>
    public string Silo { get; }

    /// <summary>The phase label, <c>range_test</c> or <c>clr</c>.</summary>
    public string Phase { get; }

    /// <summary>The final status the grain wrote (completed, diverged, failed), if it wrote one.</summary>
    public TrialStatus? Status { get; set; }

    /// <summary>A step's result arrives: counts it and times it from the end of the previous one.</summary>
    public void StepStarted(long step, double lr, double smoothed)
    {
        var now = Stopwatch.GetTimestamp();
        LrcMetrics.TrainingSteps.Add(1, _phaseTag);
        if (_lastEnd != 0)
        {
            LrcMetrics.StepDuration.Record(Stopwatch.GetElapsedTime(_lastEnd, now).TotalSeconds, _phaseTag);
        }
    }

    /// <summary>The step's bookkeeping (sink buffering, batched writes) is done: the next step's time starts now.</summary>
    public void StepEnded() => _lastEnd = Stopwatch.GetTimestamp();

    /// <summary>Something that is not a training step ran (an epoch's evaluation): it is not counted in the next step's time.</summary>
    public void Paused() => _lastEnd = 0;

    /// <summary>The activation ended with <paramref name="outcome"/> (one of <see cref="LrcMetrics.Outcomes"/>).</summary>
    public void Finish(string outcome)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        LiveTrials.Remove(this);
        LrcMetrics.TrialsFinished.Add(1, _phaseTag, new KeyValuePair<string, object?>("outcome", outcome));
        if (outcome == "diverged")
        {
            LrcMetrics.Divergences.Add(1, _phaseTag);
        }
        else if (outcome == "lease_lost")
        {
            LrcMetrics.LeaseLost("trial");
        }
    }

    /// <summary>Ends it as <c>interrupted</c> unless <see cref="Finish"/> named the outcome already.</summary>
    public void Dispose() => Finish("interrupted");

    /// <summary>The outcome label for a status the grain wrote.</summary>
    public static string OutcomeOf(TrialStatus status) => status switch
    {
        TrialStatus.Completed => "completed",
        TrialStatus.Diverged => "diverged",
        TrialStatus.Cancelled => "cancelled",
        _ => "failed",
    };
}
