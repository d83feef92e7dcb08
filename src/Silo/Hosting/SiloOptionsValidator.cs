using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace LrCluster.Silo.Hosting;

/// <summary>Checks every setting up front; each failure names the flag and the variable that set it, and what is allowed.</summary>
public sealed partial class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions o)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Store))
        {
            failures.Add("no store configured: pass --store sqlite:PATH or --store postgres://user:pass@host/db (or set LRC_STORE)");
        }
        else if (!o.Store.StartsWith("sqlite:", StringComparison.Ordinal) && !o.Store.StartsWith("postgres://", StringComparison.Ordinal)
            && !o.Store.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            failures.Add($"--store '{LrCluster.Grains.Store.StoreFactory.Redact(o.Store)}' is not supported; allowed: sqlite:PATH, postgres://user:pass@host[:port]/db");
        }
        else if (o.Store == "sqlite:")
        {
            failures.Add("--store sqlite: needs a file path (sqlite:/var/lib/lrc/lrc.db)");
        }

        IReadOnlyList<int> gpus = [];
        try
        {
            gpus = SiloOptions.ParseGpus(o.Gpus);
        }
        catch (FormatException e)
        {
            failures.Add($"--gpus (LRC_GPUS): {e.Message}; expected a comma-separated list such as 0,1");
        }

        if (o.Slots is { } slots && (slots < 1 || slots > 64))
        {
            failures.Add($"--slots (LRC_SLOTS) must be 1 to 64, got {slots}");
        }
        else if (o.Slots is { } s && gpus.Count > 0 && s != gpus.Count)
        {
            failures.Add($"--slots {s} disagrees with --gpus {o.Gpus} ({gpus.Count} GPUs, one slot each); give one of them");
        }

        if (o.Port is < 1 or > 65535)
        {
            failures.Add($"--port (LRC_PORT) must be 1 to 65535, got {o.Port}");
        }

        if (o.Name is { Length: > 0 } silo && !NamePattern().IsMatch(silo))
        {
            failures.Add($"--name '{silo}' is not allowed; use 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }

        if (o.ShutdownTimeoutSeconds is < 1 or > 3600)
        {
            failures.Add($"--shutdown-timeout (LRC_SHUTDOWN_TIMEOUT_SECONDS) must be 1 to 3600 seconds, got {o.ShutdownTimeoutSeconds}");
        }

        if (o.MaxBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            failures.Add($"Silo:MaxBodyBytes (LRC_MAX_BODY_BYTES) must be 1024 to 16777216, got {o.MaxBodyBytes}");
        }

        if (o.EventIntervalMs is < 10 or > 60_000)
        {
            failures.Add($"Silo:EventIntervalMs (LRC_EVENT_INTERVAL_MS) must be 10 to 60000, got {o.EventIntervalMs}");
        }

        foreach (var (flag, port) in new[] { ("--silo-port (LRC_SILO_PORT)", o.SiloPort), ("--gateway-port (LRC_GATEWAY_PORT)", o.GatewayPort) })
        {
            if (port is { } p && p is < 1 or > 65535)
            {
                failures.Add($"{flag} must be 1 to 65535, got {port}");
            }
        }

        if (o.Role is not ("silo" or "gateway"))
        {
            failures.Add($"--role (LRC_ROLE) '{o.Role}' is not allowed; use silo or gateway");
        }
        else if (o.IsGateway && o.Store is { } url && !LrCluster.Grains.Hosting.LrcSiloBuilderExtensions.IsPostgres(url))
        {
            failures.Add("--role gateway finds the cluster through its PostgreSQL membership: give --store postgres://...");
        }

        if (o.AdvertisedAddress is { Length: > 0 } address && !System.Net.IPAddress.TryParse(address, out _))
        {
            failures.Add($"--advertised-address (LRC_ADVERTISED_ADDRESS) '{address}' is not an IP address");
        }

        foreach (var (flag, id) in new[] { ("--cluster-id (LRC_CLUSTER_ID)", o.ClusterId), ("--service-id (LRC_SERVICE_ID)", o.ServiceId) })
        {
            if (!NamePattern().IsMatch(id ?? ""))
            {
                failures.Add($"{flag} '{id}' is not allowed; use 1-128 letters, digits, '.', '_' or '-'");
            }
        }

        var c = o.Cluster;
        if (c.PollInterval <= TimeSpan.Zero || c.CheckpointEvery < 1 || o.Membership.ProbeTimeout <= TimeSpan.Zero || o.Membership.MissedProbes < 1)
        {
            failures.Add("Silo:Cluster:PollInterval and Silo:Membership:ProbeTimeout must be positive, CheckpointEvery and MissedProbes at least 1");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex NamePattern();
}
