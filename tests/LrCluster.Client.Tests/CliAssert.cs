namespace LrCluster.Client.Tests;

/// <summary>The shape every user-error exit shares: code 2, a message on stderr, nothing on stdout, no stack trace.</summary>
internal static class CliAssert
{
    public static void InvalidInput(CliResult result, string expectedInStderr)
    {
        Assert.True(result.ExitCode == 2, $"expected exit 2\n{result}");
        Assert.True(result.Stdout.Length == 0, $"expected nothing on stdout\n{result}");
        Assert.Contains(expectedInStderr, result.Stderr, StringComparison.OrdinalIgnoreCase);
        NoStackTrace(result);
    }

    public static void NoStackTrace(CliResult result)
    {
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Stderr, StringComparison.Ordinal);
    }

    public static void Succeeded(CliResult result)
    {
        Assert.True(result.ExitCode == 0, $"expected exit 0\n{result}");
        NoStackTrace(result);
    }
}
