using System.Globalization;

namespace LrCluster.Silo.Hosting;

/// <summary>
/// The command line, parsed strictly: our flags become configuration keys under <c>Silo:</c>, host
/// settings pass through, and anything else is an error. The generic command-line provider would
/// accept a misspelt flag silently and the silo would start with defaults.
/// </summary>
public sealed class SiloFlags
{
    public const string Usage = """
        usage: lrc-silo --store URL [--role silo|gateway] [--slots N | --gpus 0,1] [--port P] [--token T] [--name NAME] [--data-root DIR ...] [...]

          --store URL               sqlite:PATH or postgres://user:pass@host[:port]/db           (LRC_STORE)
          --role ROLE               silo (default: hosts grains and slots) or gateway (an Orleans
                                    client serving the API, no slots; needs a postgres store)     (LRC_ROLE)
          --slots N                 trials run at once on this machine, 1 to 64 (default 1)       (LRC_SLOTS)
          --gpus LIST               GPU indices, e.g. 0,1: devices cuda:0, cuda:1, one slot each  (LRC_GPUS)
          --port P                  HTTP: gateway API, health, /metrics (default 8080)            (LRC_PORT)
          --token T                 bearer token the gateway requires; prefer LRC_TOKEN          (LRC_TOKEN)
          --name NAME               membership name (default: $POD_NAME, else host-pid)          (LRC_NAME)
          --silo-port P             Orleans silo-to-silo port (default 11111)                    (LRC_SILO_PORT)
          --gateway-port P          Orleans client gateway port (default 30000)                  (LRC_GATEWAY_PORT)
          --advertised-address IP   address other silos reach this one at (default: $POD_IP,
                                    else the first non-loopback IPv4)                             (LRC_ADVERTISED_ADDRESS)
          --cluster-id ID           Orleans cluster id; also scopes the queue (default lrc)       (LRC_CLUSTER_ID)
          --service-id ID           Orleans service id (default lrcluster)                        (LRC_SERVICE_ID)
          --shutdown-timeout S      seconds to hand trials back on SIGTERM (default 60)           (LRC_SHUTDOWN_TIMEOUT_SECONDS)
          --data-root DIR           a folder whose files submitted specs may read; repeatable     (LRC_DATA_ROOTS, ':'-separated)

        """;

    private static readonly Dictionary<string, (string Key, bool Integer)> Known = new(StringComparer.Ordinal)
    {
        ["store"] = ("Store", false),
        ["slots"] = ("Slots", true),
        ["gpus"] = ("Gpus", false),
        ["port"] = ("Port", true),
        ["token"] = ("Token", false),
        ["name"] = ("Name", false),
        ["shutdown-timeout"] = ("ShutdownTimeoutSeconds", true),
        ["role"] = ("Role", false),
        ["silo-port"] = ("SiloPort", true),
        ["gateway-port"] = ("GatewayPort", true),
        ["advertised-address"] = ("AdvertisedAddress", false),
        ["cluster-id"] = ("ClusterId", false),
        ["service-id"] = ("ServiceId", false),
        ["data-root"] = ("DataRoots", false),
    };

    // Flags that may be given more than once; their values are joined as LRC_DATA_ROOTS joins them.
    private static readonly HashSet<string> Repeatable = new(StringComparer.Ordinal) { "data-root" };

    // Settings the generic host reads from its own command line; WebApplicationFactory passes them as --key=value.
    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase) { "environment", "applicationName", "contentRoot" };

    private SiloFlags(IReadOnlyDictionary<string, string?> settings, string[] hostArgs, bool help)
    {
        Settings = settings;
        HostArgs = hostArgs;
        HelpRequested = help;
    }

    /// <summary>Configuration keys (<c>Silo:Store</c>, ...) set by flags.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>Arguments for the generic host: its own settings and raw <c>--Section:Key=value</c> overrides.</summary>
    public string[] HostArgs { get; }

    public bool HelpRequested { get; }

    /// <summary>
    /// Host options: appsettings.json is read from beside lrc-silo.dll, not from whatever directory the silo was started
    /// in, unless the caller names a content root itself (WebApplicationFactory does).
    /// </summary>
    public WebApplicationOptions WebOptions() => new()
    {
        Args = HostArgs,
        ContentRootPath = HostArgs.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) ? null : AppContext.BaseDirectory,
    };

    public static SiloFlags Parse(IReadOnlyList<string> args)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var hostArgs = new List<string>();
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                help = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new SiloConfigException($"unexpected argument '{arg}'; run lrc-silo --help for the flags");
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? arg[2..] : arg[2..eq];
            if (HostKeys.Contains(name) || name.Contains(':', StringComparison.Ordinal))
            {
                hostArgs.Add(eq < 0 && i + 1 < args.Count ? $"{arg}={args[++i]}" : arg);
                continue;
            }

            if (!Known.TryGetValue(name, out var flag))
            {
                throw new SiloConfigException($"unknown flag '--{name}'; allowed: {string.Join(", ", Known.Keys.Select(k => "--" + k))}");
            }

            string value;
            if (eq >= 0)
            {
                value = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw new SiloConfigException($"--{name} needs a value");
            }

            if (flag.Integer && !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new SiloConfigException($"--{name} '{value}' is not a whole number");
            }

            var key = $"{SiloOptions.Section}:{flag.Key}";
            settings[key] = Repeatable.Contains(name) && settings.TryGetValue(key, out var earlier) ? $"{earlier}:{value}" : value;
        }

        return new SiloFlags(settings, [.. hostArgs], help);
    }
}
