namespace LrCluster.Grains.Contracts;

/// <summary>The coordinator of one sweep, keyed by the sweep id: it runs the phases, decides, broadcasts and ranks.</summary>
[Alias("lrc.ISweepGrain")]
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>Creates the sweep (pending) and starts coordinating it; the spec was validated by the caller.</summary>
    [Alias("Submit")]
    Task<SweepInfo> Submit(SweepSubmission submission);

    /// <summary>Coordinates a sweep already in the store (after its coordinator's silo died); a no-op while it runs or once it is final.</summary>
    [Alias("Resume")]
    Task Resume();

    /// <summary>Cancels the sweep and stops its running trials at once; false when it was already final.</summary>
    [Alias("Cancel")]
    Task<bool> Cancel();

    /// <summary>A trial of the sweep reached a final status; wakes the phase wait (completions are taken in batches).</summary>
    [Alias("TrialFinished"), OneWay]
    Task TrialFinished(string trialId);
}
