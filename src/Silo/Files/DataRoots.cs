using LrCluster.Core.Spec;
using LrCluster.Silo.Hosting;

namespace LrCluster.Silo.Files;

/// <summary>
/// The folders whose files a spec submitted through the gateway may name (<c>--data-root DIR</c>, repeatable;
/// <c>LRC_DATA_ROOTS</c>, <c>:</c>-separated). A path is allowed when it has no <c>..</c> and its canonical form (every
/// symbolic link resolved, <see cref="RealPath"/>) lies inside a root; with no roots every file source is refused and the
/// built-in data sets still work. Relative paths resolve against the first root. The rule runs when the gateway reads a
/// submission and again when a trial opens the file (<see cref="DataRootTrainerFactory"/>), so a link swapped in after
/// the submission is caught too. Messages name the path as written and the roots, never anything read from a file.
/// </summary>
public sealed class DataRoots : ISpecFileRule
{
    /// <summary>The configuration key (<c>LRC_DATA_ROOTS</c>, <c>--data-root</c>).</summary>
    public const string Key = SiloOptions.Section + ":DataRoots";

    public const char Separator = ':';

    private DataRoots(IReadOnlyList<string> roots) => Roots = roots;

    /// <summary>The roots, canonical (links resolved), in the order given.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>None: file sources are refused.</summary>
    public static DataRoots None { get; } = new([]);

    /// <summary>Parses and checks the setting: every root an absolute path to an existing directory.</summary>
    public static DataRoots Parse(string? setting)
    {
        var roots = new List<string>();
        foreach (var root in (setting ?? "").Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Path.IsPathFullyQualified(root))
            {
                throw new SiloConfigException($"--data-root (LRC_DATA_ROOTS) '{root}' is not an absolute path");
            }

            if (RealPath.Of(root) is not { } canonical || !Directory.Exists(canonical))
            {
                throw new SiloConfigException($"--data-root (LRC_DATA_ROOTS) '{root}' is not an existing directory");
            }

            roots.Add(canonical);
        }

        return new DataRoots(roots.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>Where relative paths of a gateway spec resolve: the first root (none without roots).</summary>
    public string? BaseDirectory => Roots.Count > 0 ? Roots[0] : null;

    /// <summary>Reads a submitted spec under this rule, relative paths against <see cref="BaseDirectory"/>.</summary>
    public SweepSpec Read(string text, string fileName) => SpecReader.Read(text, fileName, BaseDirectory, this);

    /// <summary>
    /// The spec file name stored with a gateway sweep: the silos resolve relative paths against its folder, so it sits in
    /// the first root (it names no real file).
    /// </summary>
    public string SpecFile(string sweepName) => BaseDirectory is { } root ? Path.Combine(root, sweepName + ".yaml") : sweepName + ".yaml";

    public string? Refuse(string written, string resolved)
    {
        if (Roots.Count == 0)
        {
            return $"file sources are refused: this silo has no data roots (--data-root DIR, LRC_DATA_ROOTS); allowed: builtin ({string.Join(", ", SpecReader.Builtins)})";
        }

        // realpath(3) would stop at a NUL and judge a shorter path than the one opened.
        if (resolved.Contains('\0', StringComparison.Ordinal))
        {
            return $"a data path must not contain a NUL character; allowed: files under {Allowed}";
        }

        if (written.Split('/', '\\').Contains(".."))
        {
            return $"'..' is not allowed in a data path; allowed: files under {Allowed}";
        }

        // A path that does not exist has nothing to resolve: judge its absolute form, so a missing file inside a root
        // reads as "does not exist" and one outside as "outside", and nothing tells a file outside from a missing one.
        var canonical = RealPath.Of(resolved) ?? Path.GetFullPath(resolved);
        if (!Roots.Any(root => Inside(canonical, root)))
        {
            return $"'{written}' is outside the data roots; allowed: files under {Allowed}";
        }

        return Directory.Exists(canonical) ? $"'{written}' is a directory; allowed: a file under {Allowed}" : null;
    }

    private string Allowed => string.Join(", ", Roots);

    private static bool Inside(string path, string root) =>
        root == "/" || path == root || path.StartsWith(root + "/", StringComparison.Ordinal);
}
