namespace LrCluster.Tests.Shared;

/// <summary>
/// A built app's folder copied as hard links (the 600 MB of libtorch cost nothing), so a test can break one file of
/// it without touching the build output. Linked into the test projects that start such a copy.
/// </summary>
internal static class HardLinkedCopy
{
    /// <summary>Every file under <paramref name="source"/>, hard-linked (copied where linking fails) into <paramref name="target"/>.</summary>
    public static string Make(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            if (Link(file, destination) != 0)
            {
                File.Copy(file, destination);
            }
        }

        return target;
    }

    /// <summary>Unlinks first: writing through a hard link would change the build output (and the NuGet cache behind it).</summary>
    public static void Replace(string path, byte[] content)
    {
        File.Delete(path);
        File.WriteAllBytes(path, content);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(string existing, string created);
}
