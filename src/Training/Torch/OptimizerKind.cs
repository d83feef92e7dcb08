namespace LrCluster.Training.Torch;

/// <summary>Optimizer family; the values are the native shim's lrcOptimizerKind codes.</summary>
public enum OptimizerKind
{
    Sgd = 0,
    Adam = 1,
    AdamW = 2,
    RmsProp = 3,
}
