namespace LrCluster.Core.Spec;

/// <summary>A range-test variant: the base settings with some of optimizer, batch size or weight decay replaced.</summary>
public sealed record CandidateSpec(string Name, OptimizerSpec Optimizer, int BatchSize);
