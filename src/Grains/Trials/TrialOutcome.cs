namespace LrCluster.Grains.Trials;

/// <summary>How a trial's run on a slot ended.</summary>
public enum TrialOutcome
{
    /// <summary>Completed or diverged; the final status is written.</summary>
    Finished,
    Failed,
    /// <summary>Stopped by its token; nothing final written (its host hands it back or marks it cancelled).</summary>
    Interrupted,
    /// <summary>Stopped because its sweep was cancelled; marked cancelled.</summary>
    Cancelled,
    /// <summary>A newer epoch exists; this run wrote nothing more.</summary>
    LeaseLost,
}
