namespace LrCluster.Training.Torch;

/// <summary>
/// Held-out evaluation: Loss is the training loss averaged over samples; Metric is accuracy for
/// cross-entropy and BCE-with-logits, mean absolute error for the regression losses.
/// </summary>
public sealed record EvalResult(double Loss, double Metric);
