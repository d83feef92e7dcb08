namespace LrCluster.Silo.Tests;

/// <summary>A silo with no token configured: the gateway is open.</summary>
public sealed class OpenSiloFactory() : SiloFactory(token: null, slots: 1, perStep: TimeSpan.Zero);
