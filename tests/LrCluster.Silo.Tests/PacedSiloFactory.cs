namespace LrCluster.Silo.Tests;

/// <summary>A silo whose trials take 2 ms a step: sweeps last long enough to stream events from and to cancel.</summary>
public sealed class PacedSiloFactory() : SiloFactory(Token, slots: 2, perStep: TimeSpan.FromMilliseconds(2));
