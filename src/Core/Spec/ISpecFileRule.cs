namespace LrCluster.Core.Spec;

/// <summary>
/// Which files a spec may name (data.csv, data.npy, model.torchScript). A gateway reads specs from token holders, who must
/// not reach every file the silo can read; <c>lrc</c> on a user's own machine reads with no rule.
/// </summary>
public interface ISpecFileRule
{
    /// <summary>
    /// Null when the file may be read, else why not and what is allowed. <paramref name="written"/> is the path as the spec
    /// gives it, <paramref name="resolved"/> the absolute path it resolves to against the spec's folder (what is opened).
    /// </summary>
    string? Refuse(string written, string resolved);
}
