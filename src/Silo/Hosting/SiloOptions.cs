using System.Globalization;
using System.Net;
using LrCluster.Grains;
using LrCluster.Grains.Hosting;

namespace LrCluster.Silo.Hosting;

/// <summary>
/// The silo's settings, bound from the <c>Silo</c> section: appsettings.json, then <c>LRC_*</c> variables,
/// then flags. Checked by <see cref="SiloOptionsValidator"/> before anything listens or claims work.
/// </summary>
public sealed class SiloOptions
{
    public const string Section = "Silo";

    /// <summary><c>sqlite:PATH</c> or <c>postgres://user:pass@host[:port]/db</c>.</summary>
    public string? Store { get; set; }

    /// <summary>Trials run at once; with <see cref="Gpus"/> it defaults to their count.</summary>
    public int? Slots { get; set; }

    /// <summary>Comma-separated GPU indices (<c>0,1</c>): one slot per GPU.</summary>
    public string? Gpus { get; set; }

    public int Port { get; set; } = 8080;

    /// <summary>Bearer token every <c>/api</c> request must carry; none means an open gateway. Never logged.</summary>
    public string? Token { get; set; }

    /// <summary>Membership name; default <c>$POD_NAME</c>, else host-pid.</summary>
    public string? Name { get; set; }

    /// <summary>Gateway URL published in the silo's metadata; default http://$POD_IP (else the host name):port.</summary>
    public string? Address { get; set; }

    /// <summary><c>silo</c> (grains and slots) or <c>gateway</c> (an Orleans client serving the API).</summary>
    public string Role { get; set; } = "silo";

    /// <summary>Orleans silo-to-silo port; default 11111 on PostgreSQL, a free port on SQLite (a one-silo cluster on localhost).</summary>
    public int? SiloPort { get; set; }

    /// <summary>Orleans client gateway port; default 30000 on PostgreSQL, a free port on SQLite.</summary>
    public int? GatewayPort { get; set; }

    /// <summary>The IP address other silos reach this one at; default <c>POD_IP</c>, else the first non-loopback IPv4.</summary>
    public string? AdvertisedAddress { get; set; }

    public string ClusterId { get; set; } = LrCluster.Grains.Store.SweepRecord.DefaultCluster;

    public string ServiceId { get; set; } = "lrcluster";

    /// <summary>Orleans failure detection (probe timeout, missed probes); see <see cref="MembershipTimings"/>.</summary>
    public MembershipTimings Membership { get; set; } = new();

    private bool IsPostgres => Store is { } url && LrcSiloBuilderExtensions.IsPostgres(url);

    public bool IsGateway => string.Equals(Role, "gateway", StringComparison.OrdinalIgnoreCase);

    /// <summary>Time given to hand trials back on SIGTERM; keep it under the pod's termination grace period.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 60;

    /// <summary>Largest request body accepted (a spec is at most 256 KiB).</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>How often <c>/api/sweeps/{id}/events</c> looks at the store.</summary>
    public int EventIntervalMs { get; set; } = 500;

    /// <summary>Checkpoints and the fallback poll; name, slots and devices come from the settings above.</summary>
    public ClusterOptions Cluster { get; set; } = new();

    /// <summary>The bound settings, or the defaults where they do not bind; for code that runs before validation.</summary>
    public static SiloOptions ReadLeniently(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(Section).Get<SiloOptions>() ?? new SiloOptions();
        }
        catch (InvalidOperationException)
        {
            return new SiloOptions();
        }
    }

    public IReadOnlyList<string> Devices() => ParseGpus(Gpus).Select(g => $"cuda:{g}").ToList();

    public int EffectiveSlots() => Slots ?? (string.IsNullOrWhiteSpace(Gpus) ? 1 : ParseGpus(Gpus).Count);

    public string EffectiveName() =>
        NonEmpty(Name) ?? NonEmpty(Environment.GetEnvironmentVariable("POD_NAME")) ?? $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>The token with surrounding whitespace removed: a Secret made from a file often ends in a newline.</summary>
    public string? EffectiveToken() => NonEmpty(Token?.Trim());

    public ClusterOptions ToClusterOptions() => new()
    {
        Name = EffectiveName(),
        ClusterId = ClusterId,
        Address = NonEmpty(Address) ?? $"http://{NonEmpty(Environment.GetEnvironmentVariable("POD_IP")) ?? Dns.GetHostName()}:{Port}",
        Slots = EffectiveSlots(),
        Devices = Devices(),
        CheckpointEvery = Cluster.CheckpointEvery,
        CheckpointDirectory = NonEmpty(Cluster.CheckpointDirectory),
        PollInterval = Cluster.PollInterval,
    };

    public OrleansSettings ToOrleansSettings() => new()
    {
        SiloPort = SiloPort ?? (IsPostgres ? 11111 : 0),
        GatewayPort = GatewayPort ?? (IsPostgres ? 30000 : 0),
        AdvertisedAddress = IPAddress.TryParse(AdvertisedAddress, out var ip) ? ip : null,
        ClusterId = ClusterId,
        ServiceId = ServiceId,
        Membership = Membership,
    };

    /// <summary>GPU indices; throws <see cref="FormatException"/> naming the bad entry.</summary>
    internal static IReadOnlyList<int> ParseGpus(string? gpus)
    {
        if (string.IsNullOrWhiteSpace(gpus))
        {
            return [];
        }

        var indices = new List<int>();
        foreach (var part in gpus.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > 63)
            {
                throw new FormatException($"'{part}' is not a GPU index (0 to 63)");
            }

            if (indices.Contains(index))
            {
                throw new FormatException($"GPU {index} is listed twice");
            }

            indices.Add(index);
        }

        return indices;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
