namespace LrCluster.Core.Spec;

/// <summary>Optimizer settings; fields that do not apply to <see cref="Name"/> keep their defaults and are ignored.</summary>
public sealed record OptimizerSpec(
    string Name,
    double Momentum = 0,
    double Dampening = 0,
    bool Nesterov = false,
    double WeightDecay = 0,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Eps = 1e-8,
    double Alpha = 0.99)
{
    public static IReadOnlyList<string> Names { get; } = ["sgd", "adam", "adamw", "rmsprop"];

    /// <summary>The momentum the schedule may cycle: SGD/RMSprop momentum, or beta1 for Adam-style optimizers.</summary>
    public bool UsesBeta1 => Name is "adam" or "adamw";

    public string Describe() => Name switch
    {
        "sgd" => $"sgd(momentum={Momentum}{(Nesterov ? ", nesterov" : "")}, wd={WeightDecay})",
        "rmsprop" => $"rmsprop(alpha={Alpha}, momentum={Momentum}, wd={WeightDecay})",
        _ => $"{Name}(betas=({Beta1}, {Beta2}), wd={WeightDecay})",
    };
}
