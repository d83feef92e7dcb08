namespace LrCluster.Core.Spec;

/// <summary>One problem found in a sweep spec, located by file, line and field path.</summary>
public sealed record SpecError(string File, int Line, string Path, string Message)
{
    public override string ToString() => (Line, Path) switch
    {
        (0, "") => $"{File}: {Message}",
        (0, _) => $"{File}: {Path}: {Message}",
        (_, "") => $"{File}:{Line}: {Message}",
        _ => $"{File}:{Line}: {Path}: {Message}",
    };
}
