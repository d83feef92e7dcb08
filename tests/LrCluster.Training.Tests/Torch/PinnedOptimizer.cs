using System.Text.Json.Serialization;
using LrCluster.Training.Torch;

namespace LrCluster.Training.Tests.Torch;

/// <summary>The torch.optim settings a pinned case was recorded with (PyTorch's defaults where absent).</summary>
internal sealed record PinnedOptimizer(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("momentum")] double Momentum = 0,
    [property: JsonPropertyName("dampening")] double Dampening = 0,
    [property: JsonPropertyName("nesterov")] bool Nesterov = false,
    [property: JsonPropertyName("weightDecay")] double WeightDecay = 0,
    [property: JsonPropertyName("beta1")] double Beta1 = 0.9,
    [property: JsonPropertyName("beta2")] double Beta2 = 0.999,
    [property: JsonPropertyName("eps")] double Eps = 1e-8,
    [property: JsonPropertyName("alpha")] double Alpha = 0.99)
{
    public OptimizerSettings Settings() => new(
        Name switch { "adam" => OptimizerKind.Adam, "adamw" => OptimizerKind.AdamW, "rmsprop" => OptimizerKind.RmsProp, _ => OptimizerKind.Sgd },
        Momentum, Dampening, Nesterov, WeightDecay, Beta1, Beta2, Eps, Alpha);
}
