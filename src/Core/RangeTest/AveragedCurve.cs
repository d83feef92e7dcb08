namespace LrCluster.Core.RangeTest;

/// <summary>
/// Repeated range tests on a common log-LR grid: mean and sample standard deviation of the loss, and how many
/// repeats covered each grid point. A point no repeat covers has NaN mean and std and a count of 0.
/// </summary>
public sealed record AveragedCurve(IReadOnlyList<double> Lrs, IReadOnlyList<double> Mean, IReadOnlyList<double> Std, IReadOnlyList<int> Count);
