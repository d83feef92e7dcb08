namespace LrCluster.Silo.Metrics;

/// <summary>
/// Optional OTLP push of the same metrics, section <c>Silo:Otlp</c> (<c>LRC_OTLP__ENDPOINT</c> ...): off unless
/// <see cref="Endpoint"/> is set. <c>/metrics</c> is served either way.
/// </summary>
public sealed class OtlpSettings
{
    public const string Section = "Silo:Otlp";

    /// <summary>Collector address, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>http://otel-collector:4318/v1/metrics</c> (HTTP).</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string Protocol { get; set; } = "grpc";

    /// <summary>Seconds between pushes.</summary>
    public int IntervalSeconds { get; set; } = 15;

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);
}
