namespace LrCluster.Deploy.Tests;

/// <summary>The metrics the silos export (names agreed with the metrics implementation), and the DCGM exporter's.</summary>
public static class MetricNames
{
    public static readonly IReadOnlySet<string> Counters = new HashSet<string>(StringComparer.Ordinal)
    {
        "lrc_trials_started_total", "lrc_trials_finished_total", "lrc_training_steps_total", "lrc_divergences_total",
        "lrc_checkpoints_total", "lrc_checkpoint_bytes_total", "lrc_failovers_total", "lrc_lease_losses_total",
        "lrc_gateway_requests_total",
    };

    public static readonly IReadOnlySet<string> Gauges = new HashSet<string>(StringComparer.Ordinal)
    {
        "lrc_trials_running", "lrc_trial_step", "lrc_trial_lr", "lrc_trial_smoothed_loss", "lrc_trial_steps_per_second",
        "lrc_slots", "lrc_slots_busy", "lrc_cluster_silos", "lrc_silo_heartbeat_age_seconds", "lrc_sweeps",
        "lrc_sweep_info", "lrc_sweep_suggested_lr", "lrc_sweep_section_lr", "lrc_sweep_clr_val_loss",
    };

    public static readonly IReadOnlySet<string> Histograms = new HashSet<string>(StringComparer.Ordinal)
    {
        "lrc_step_duration_seconds", "lrc_checkpoint_duration_seconds", "lrc_store_operation_duration_seconds",
        "lrc_gateway_request_duration_seconds",
    };

    /// <summary>A series name a query may use: a counter or gauge, a histogram's _bucket/_sum/_count, or NVIDIA DCGM's.</summary>
    public static bool IsKnownSeries(string name) =>
        Counters.Contains(name) || Gauges.Contains(name) || name.StartsWith("DCGM_", StringComparison.Ordinal)
        || Histograms.Any(h => name == h + "_bucket" || name == h + "_sum" || name == h + "_count");
}
