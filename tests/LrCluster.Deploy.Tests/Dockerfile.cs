using System.Text.RegularExpressions;

namespace LrCluster.Deploy.Tests;

/// <summary>A Dockerfile as instructions grouped by stage (line continuations joined, comments dropped).</summary>
public sealed partial class Dockerfile
{
    public sealed record Instruction(string Keyword, string Arguments);

    public sealed record Stage(string From, string? Name, IReadOnlyList<Instruction> Instructions)
    {
        public IEnumerable<string> All(string keyword) =>
            Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);
    }

    public required IReadOnlyList<Stage> Stages { get; init; }
    public required IReadOnlyList<Instruction> Instructions { get; init; }

    public Stage Final => Stages[^1];

    public static Dockerfile Load(string path)
    {
        var logical = new List<string>();
        var current = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.TrimEnd();
            if (current.Length == 0 && line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (current.Length > 0 && line.TrimStart().StartsWith('#'))
            {
                continue;   // comment lines inside a continued instruction
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            current += line;
            if (current.Trim().Length > 0)
            {
                logical.Add(current.Trim());
            }

            current = "";
        }

        var instructions = logical.Select(l =>
        {
            var space = l.IndexOfAny([' ', '\t']);
            return space < 0 ? new Instruction(l.ToUpperInvariant(), "") : new Instruction(l[..space].ToUpperInvariant(), l[(space + 1)..].Trim());
        }).ToList();

        // ARGs before the first FROM may be used in FROM lines: resolve them to their defaults.
        var globalArgs = instructions.TakeWhile(i => i.Keyword != "FROM").Where(i => i.Keyword == "ARG")
            .Select(i => i.Arguments.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var stages = new List<Stage>();
        List<Instruction>? body = null;
        foreach (var i in instructions)
        {
            if (i.Keyword == "FROM")
            {
                body = [];
                var m = FromLine().Match(i.Arguments);
                var image = ArgReference().Replace(m.Groups["image"].Value, a => globalArgs.GetValueOrDefault(a.Groups["arg"].Value, a.Value));
                stages.Add(new Stage(image, m.Groups["name"].Success ? m.Groups["name"].Value : null, body));
            }
            else
            {
                body?.Add(i);
            }
        }

        return new Dockerfile { Stages = stages, Instructions = instructions };
    }

    [GeneratedRegex(@"^(?:--platform=\S+\s+)?(?<image>\S+)(?:\s+AS\s+(?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"\$\{(?<arg>[A-Za-z_][A-Za-z0-9_]*)\}|\$(?<arg>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ArgReference();
}
