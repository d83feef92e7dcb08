namespace LrCluster.Core.Sweeps;

/// <summary>
/// A held-out evaluation of a cyclical trial after <see cref="Step"/> optimizer steps (every <c>clr.evaluateEvery</c>
/// steps and at every epoch end): the LR of the last step, the validation loss and metric.
/// </summary>
public sealed record EvaluationPoint(long Step, double Lr, double ValLoss, double ValMetric);
