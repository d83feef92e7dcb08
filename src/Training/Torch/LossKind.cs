namespace LrCluster.Training.Torch;

/// <summary>Training loss of a trial (the spec's <c>loss</c>).</summary>
public enum LossKind
{
    Mse = 0,
    CrossEntropy = 1,
    L1 = 2,
    Huber = 3,
    BceWithLogits = 4,
}
