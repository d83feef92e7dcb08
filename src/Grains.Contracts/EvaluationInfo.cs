namespace LrCluster.Grains.Contracts;

/// <summary>One held-out evaluation of a cyclical trial after a number of steps (every clr.evaluateEvery steps and every epoch end).</summary>
[GenerateSerializer, Immutable, Alias("lrc.EvaluationInfo")]
public sealed record EvaluationInfo([property: Id(0)] long Step, [property: Id(1)] double Lr, [property: Id(2)] double ValLoss, [property: Id(3)] double ValMetric);
