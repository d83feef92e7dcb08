namespace LrCluster.Grains.Contracts;

/// <summary>One evaluation of a cyclical trial at an epoch end.</summary>
[GenerateSerializer, Immutable, Alias("lrc.EpochInfo")]
public sealed record EpochInfo([property: Id(0)] int Epoch, [property: Id(1)] double Lr, [property: Id(2)] double TrainLoss, [property: Id(3)] double ValLoss, [property: Id(4)] double ValMetric);
