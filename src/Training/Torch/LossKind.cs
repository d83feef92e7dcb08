namespace LrCluster.Training.Torch;

/// <summary>Training loss; the values are the native shim's lrcLossKind codes.</summary>
public enum LossKind
{
    Mse = 0,
    CrossEntropy = 1,
    L1 = 2,
    Huber = 3,
    BceWithLogits = 4,
}
