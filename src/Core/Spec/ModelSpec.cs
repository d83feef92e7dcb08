namespace LrCluster.Core.Spec;

/// <summary>Exactly one of a built-in MLP, the small image CNN or a TorchScript file.</summary>
public sealed record ModelSpec(MlpSpec? Mlp, bool Cnn, string? TorchScript)
{
    public string Describe() => Mlp is not null
        ? $"mlp[{string.Join(",", Mlp.Hidden)}] {Mlp.Activation}"
        : Cnn ? "cnn" : $"torchScript {TorchScript}";
}
