namespace LrCluster.Core.Sampling;

/// <summary>
/// A tiny deterministic generator (SplitMix64). We own it instead of using System.Random so that
/// shuffles are identical across .NET versions and machines, which exact resume depends on.
/// </summary>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, bound) without modulo bias (Lemire's method).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var product = (UInt128)NextUInt64() * (ulong)bound;
        return (int)(product >> 64);
    }

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public static ulong Mix(ulong a, ulong b)
    {
        var g = new SplitMix64(a ^ (b * 0xD1B54A32D192ED03UL));
        return g.NextUInt64();
    }
}
