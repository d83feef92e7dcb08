using System.Text.RegularExpressions;

namespace LrCluster.Silo.Gateway;

/// <summary>
/// What an id in a URL may look like. Sweep ids are <c>name-yyyyMMddHHmmss-xxxxxx</c> with a spec name of letters,
/// digits, '.', '_' and '-'; trial ids are <c>rt-&lt;candidate&gt;-r&lt;n&gt;</c> or <c>clr-&lt;config&gt;</c>, whose names the spec
/// restricts to the same characters.
/// </summary>
public static partial class SweepIds
{
    public static bool IsSweepId(string? id) => id is not null && SweepPattern().IsMatch(id);

    public static bool IsTrialId(string? id) => id is not null && TrialPattern().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\z")]
    private static partial Regex SweepPattern();

    [GeneratedRegex(@"^(rt|clr)-[A-Za-z0-9._-]{1,80}\z")]
    private static partial Regex TrialPattern();
}
