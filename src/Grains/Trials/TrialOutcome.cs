namespace LrCluster.Grains.Trials;

/// <summary>How an activation ended, as its silo needs to know.</summary>
public enum TrialOutcome
{
    /// <summary>Completed or diverged; the final status is written.</summary>
    Finished,
    Failed,
    /// <summary>Stopped by its token; nothing final written (the silo hands it back or marks it cancelled).</summary>
    Interrupted,
    /// <summary>A newer epoch exists; this activation wrote nothing more.</summary>
    LeaseLost,
}
