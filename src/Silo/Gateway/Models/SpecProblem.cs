namespace LrCluster.Silo.Gateway;

/// <summary>One problem in a submitted spec: its line (0 when it concerns the whole document), field path and message.</summary>
public sealed record SpecProblem(int Line, string Path, string Message);
