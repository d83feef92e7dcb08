using System.Security.Cryptography;
using System.Text;

namespace LrCluster.Silo.Security;

/// <summary>
/// Compares a presented bearer token with the configured one in constant time. Both sides are hashed
/// first, so the comparison time does not reveal the expected length either (FixedTimeEquals alone
/// returns early on a length mismatch).
/// </summary>
public sealed class TokenComparer(string expected)
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(expected));

    public bool Matches(ReadOnlySpan<char> presented)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(presented)];
        Encoding.UTF8.GetBytes(presented, bytes);
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(bytes), _expected);
    }
}
