using System.Collections;

namespace LrCluster.Silo.Hosting;

/// <summary>
/// Maps <c>LRC_*</c> environment variables onto <c>Silo:*</c> configuration keys: <c>LRC_STORE</c> -> <c>Silo:Store</c>,
/// <c>LRC_SHUTDOWN_TIMEOUT_SECONDS</c> -> <c>Silo:ShutdownTimeoutSeconds</c>, <c>LRC_CLUSTER__POLL_INTERVAL</c> -> <c>Silo:Cluster:PollInterval</c>.
/// The stock prefixed provider would put them at the root, where unrelated keys could collide.
/// </summary>
public static class LrcEnvironment
{
    public const string Prefix = "LRC_";

    public static IReadOnlyDictionary<string, string?> Settings(IDictionary variables)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in variables)
        {
            if (entry.Key is string name && name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && name.Length > Prefix.Length)
            {
                // Binding is case-insensitive, so only the word separators need to go.
                var path = name[Prefix.Length..].Split("__").Select(part => part.Replace("_", "", StringComparison.Ordinal));
                settings[$"{SiloOptions.Section}:{string.Join(':', path)}"] = entry.Value as string;
            }
        }

        return settings;
    }
}
