namespace LrCluster.Core.RangeTest;

/// <summary>A suggested learning rate; <see cref="Index"/> points into the arrays as passed in, before any trimming.</summary>
public sealed record Suggestion(string Method, double Lr, int Index);
