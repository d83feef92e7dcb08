namespace LrCluster.Training.Torch;

/// <summary>
/// Optimizer hyper-parameters other than the learning rate, which every step sets. Fields a kind
/// does not use are ignored: Momentum/Dampening/Nesterov (SGD), Beta1/Beta2 (Adam, AdamW), Alpha
/// (RMSprop), Eps (Adam, AdamW, RMSprop), Momentum (SGD, RMSprop).
/// </summary>
public sealed record OptimizerSettings(
    OptimizerKind Kind,
    double Momentum = 0,
    double Dampening = 0,
    bool Nesterov = false,
    double WeightDecay = 0,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Eps = 1e-8,
    double Alpha = 0.99);
