using System.Runtime.InteropServices;

namespace LrCluster.Silo.Files;

/// <summary>
/// The C library's <c>realpath(3)</c>: an absolute path with every symbolic link resolved (in every component, not just
/// the last, which is all <see cref="FileSystemInfo.ResolveLinkTarget"/> does) and <c>.</c>/<c>..</c> applied the way the
/// kernel applies them (after the link they follow, not lexically).
/// </summary>
internal static partial class RealPath
{
    /// <summary>The canonical path, or null when <paramref name="path"/> or a directory on it does not exist (or cannot be searched).</summary>
    public static string? Of(string path)
    {
        var resolved = realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            free(resolved);
        }
    }

    // realpath with a null buffer returns a malloc'd string the caller frees.
    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc")]
    private static extern void free(IntPtr pointer);
}
