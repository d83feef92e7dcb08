namespace LrCluster.Core.Spec;

/// <summary>A validated sweep: what to train, the range-test phase and the cyclical phase (either may be absent).</summary>
public sealed record SweepSpec(
    string Name,
    long Seed,
    DataSpec Data,
    ModelSpec Model,
    string Loss,
    OptimizerSpec Optimizer,
    int BatchSize,
    string Device,
    RangeTestSpec? RangeTest,
    ClrSpec? Clr);
