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

    /// <summary>
    /// Orleans' families (meter <c>Microsoft.Orleans</c>) as the exporter names them, from the Orleans 10.4 instrument names
    /// (<c>orleans-catalog-activations</c> -> <c>orleans_catalog_activations</c>; counters gain <c>_total</c>, the <c>ms</c>
    /// and <c>bytes</c> units a suffix).
    /// </summary>
    public static readonly IReadOnlySet<string> Orleans = new HashSet<string>(StringComparer.Ordinal)
    {
        "orleans_app_requests_canceled_total",
        "orleans_app_requests_timedout_total",
        "orleans_catalog_activation_created_total",
        "orleans_catalog_activation_destroyed_total",
        "orleans_catalog_activation_failed_to_activate_total",
        "orleans_catalog_activations",
        "orleans_consistent_ring_size",
        "orleans_gateway_connected_clients",
        "orleans_grains",
        "orleans_messaging_expired_total",
        "orleans_messaging_pings_reply_missed_total",
        "orleans_messaging_pings_sent_total",
        "orleans_messaging_rejected_total",
        "orleans_messaging_sent_dropped_total",
        "orleans_messaging_sent_failed_total",
        "orleans_messaging_sent_local_total",
        "orleans_scheduler_long_running_turns_total",
        "orleans_watchdog_health_checks_failed_total",
    };

    public static readonly IReadOnlySet<string> OrleansHistograms = new HashSet<string>(StringComparer.Ordinal)
    {
        "orleans_app_requests_latency_milliseconds",
        "orleans_catalog_activation_latency_milliseconds",
        "orleans_messaging_received_messages_size_bytes",
        "orleans_messaging_sent_messages_size_bytes",
    };

    /// <summary>A series name a query may use: a counter or gauge, a histogram's _bucket/_sum/_count, or NVIDIA DCGM's.</summary>
    public static bool IsKnownSeries(string name) =>
        Counters.Contains(name) || Gauges.Contains(name) || Instrumentation.Contains(name) || Orleans.Contains(name) || name.StartsWith("DCGM_", StringComparison.Ordinal)
        || Histograms.Concat(InstrumentationHistograms).Concat(OrleansHistograms).Any(h => name == h + "_bucket" || name == h + "_sum" || name == h + "_count");
}
