namespace LrCluster.Core.Sweeps;

/// <summary>End-of-epoch evaluation of a cyclical trial: the LR in force, the mean training loss and held-out results.</summary>
public sealed record EpochPoint(int Epoch, double Lr, double TrainLoss, double ValLoss, double ValMetric);
