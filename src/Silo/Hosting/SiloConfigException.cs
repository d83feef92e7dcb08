namespace LrCluster.Silo.Hosting;

/// <summary>The silo cannot start as configured; the message is one line that names the flag or variable to fix.</summary>
public sealed class SiloConfigException(string message) : Exception(message);
