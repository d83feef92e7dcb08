namespace LrCluster.Core.Spec;

/// <summary>Where the data comes from: a built-in set, a CSV with a target column, or a pair of .npy files.</summary>
public sealed record DataSpec(
    string? Builtin,
    string? Csv,
    string? Target,
    string? NpyFeatures,
    string? NpyTargets,
    double Validation,
    bool Standardize);
