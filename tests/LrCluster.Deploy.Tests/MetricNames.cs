namespace LrCluster.Deploy.Tests;

/// <summary>
/// The metric families a silo's /metrics serves (as OpenTelemetry's Prometheus exporter names them), and NVIDIA DCGM's.
/// Ours (lrc_*) must each be on a dashboard; the instrumentation families (ASP.NET Core, Npgsql, process, runtime) may be.
/// </summary>
public static class MetricNames
{
    public static readonly IReadOnlySet<string> Counters = new HashSet<string>(StringComparer.Ordinal)
    {
        "lrc_trials_started_total", "lrc_trials_finished_total", "lrc_training_steps_total", "lrc_divergences_total",
        "lrc_checkpoints_total", "lrc_checkpoint_bytes_total", "lrc_failovers_total", "lrc_lease_losses_total",
    };

    public static readonly IReadOnlySet<string> Gauges = new HashSet<string>(StringComparer.Ordinal)
    {
        "lrc_trials_running", "lrc_slots", "lrc_slots_busy", "lrc_cluster_silos", "lrc_sweeps", "lrc_trials",
    };

    public static readonly IReadOnlySet<string> Histograms = new HashSet<string>(StringComparer.Ordinal)
    {
        "lrc_step_duration_seconds", "lrc_checkpoint_duration_seconds", "lrc_store_operation_duration_seconds",
    };

    /// <summary>Families of the instrumentation packages the silo registers (seen in a live scrape), by name.</summary>
    public static readonly IReadOnlySet<string> Instrumentation = new HashSet<string>(StringComparer.Ordinal)
    {
        "http_server_active_requests", "process_cpu_time_seconds_total", "process_memory_usage_bytes",
        "dotnet_gc_last_collection_heap_size_bytes", "dotnet_gc_pause_time_seconds_total",
        "db_client_connection_count", "db_client_connection_max",
    };

    /// <summary>Histograms of the instrumentation packages.</summary>
    public static readonly IReadOnlySet<string> InstrumentationHistograms = new HashSet<string>(StringComparer.Ordinal)
    {
        "http_server_request_duration_seconds", "db_client_operation_duration_seconds",
    };

    /// <summary>A series name a query may use: a counter or gauge, a histogram's _bucket/_sum/_count, or NVIDIA DCGM's.</summary>
    public static bool IsKnownSeries(string name) =>
        Counters.Contains(name) || Gauges.Contains(name) || Instrumentation.Contains(name) || name.StartsWith("DCGM_", StringComparison.Ordinal)
        || Histograms.Concat(InstrumentationHistograms).Any(h => name == h + "_bucket" || name == h + "_sum" || name == h + "_count");
}
