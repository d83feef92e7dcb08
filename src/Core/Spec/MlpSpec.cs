namespace LrCluster.Core.Spec;

public sealed record MlpSpec(IReadOnlyList<int> Hidden, string Activation);
