namespace LrCluster.Silo.Hosting;

/// <summary>Exit codes of lrc-silo, as a supervisor (Kubernetes, systemd) sees them.</summary>
public static class SiloExitCodes
{
    public const int Success = 0;

    /// <summary>The silo stopped because something failed at run time (the store broke, the port was taken).</summary>
    public const int Failure = 1;

    /// <summary>Flags, environment or appsettings are wrong; restarting will not help.</summary>
    public const int InvalidConfiguration = 2;
}
