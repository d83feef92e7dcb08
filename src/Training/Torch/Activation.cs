namespace LrCluster.Training.Torch;

/// <summary>Hidden-layer activation of the built-in MLP.</summary>
public enum Activation
{
    Relu = 0,
    Tanh = 1,
    Gelu = 2,
    LeakyRelu = 3,
    Sigmoid = 4,
}
