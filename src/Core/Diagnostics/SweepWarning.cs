namespace LrCluster.Core.Diagnostics;

/// <summary>
/// Something in a sweep's curves or results that should make a user doubt a number, with what to change. Stable
/// <see cref="Code"/>s (<see cref="WarningCodes"/>) for scripts; the candidate or config it concerns, when it concerns one.
/// </summary>
public sealed record SweepWarning(string Code, string Message, string? Candidate = null, string? Config = null);
