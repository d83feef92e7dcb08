using LrCluster.Core.Spec;

namespace LrCluster.Core.Tests.Spec;

internal static class SpecAssert
{
    /// <summary>Asserts that one of <paramref name="errors"/> is at exactly this line and path and mentions <paramref name="fragment"/>.</summary>
    public static SpecError HasError(IReadOnlyList<SpecError> errors, int line, string path, string fragment)
    {
        var match = errors.FirstOrDefault(e => e.Path == path && e.Line == line && e.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.True(
            match is not null,
            $"expected {SpecText.FileName}:{line}: {path}: ...{fragment}...; got:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        Assert.Equal(SpecText.FileName, match!.File);
        var location = line == 0 ? SpecText.FileName : $"{SpecText.FileName}:{line}";
        Assert.StartsWith(path.Length == 0 ? $"{location}: " : $"{location}: {path}: ", match.ToString(), StringComparison.Ordinal);
        return match;
    }
}
