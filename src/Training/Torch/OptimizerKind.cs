namespace LrCluster.Training.Torch;

/// <summary>Optimizer family of a trial (the spec's <c>optimizer.name</c>).</summary>
public enum OptimizerKind
{
    Sgd = 0,
    Adam = 1,
    AdamW = 2,
    RmsProp = 3,
}
