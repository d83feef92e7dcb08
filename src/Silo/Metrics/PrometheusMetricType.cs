namespace LrCluster.Silo.Metrics;

/// <summary>The <c># TYPE</c> of a family in the Prometheus text format 0.0.4.</summary>
public enum PrometheusMetricType
{
    Counter,
    Gauge,
    Histogram,
}
