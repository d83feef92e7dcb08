namespace LrCluster.Grains.Hosting;

/// <summary>
/// Orleans' failure detection as we ship it. A silo is declared dead after <see cref="MissedProbes"/> probes in a row
/// go unanswered, one probe every <see cref="ProbeTimeout"/> (Orleans adapts each probe's timeout between half and
/// twice that, and extends it while the prober itself is degraded), plus the votes. The defaults (probe 2 s, 3 missed)
/// declare a killed silo dead in about 6-8 s, which leaves its trials running again well within 15 s of the kill; a
/// silo saturated by training still answers, because training runs on dedicated slot threads (libtorch's intra-op
/// pool sized to cores / slots), never on the thread pool that serves Orleans' messages, and it would have to miss
/// three probes in a row by seconds each. Orleans' own defaults (5 s, 3 missed) take over 15 s.
/// </summary>
public sealed class MembershipTimings
{
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public int MissedProbes { get; set; } = 3;

    /// <summary>How often a silo re-reads the membership table besides gossip (Orleans' default is 60 s).</summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Fast detection for tests on one machine (a kill is noticed within about 3 s).</summary>
    public static MembershipTimings Test => new() { ProbeTimeout = TimeSpan.FromSeconds(1), MissedProbes = 3, TableRefreshTimeout = TimeSpan.FromSeconds(2) };
}
