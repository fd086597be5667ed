using System.Security.Cryptography;
using System.Text;

namespace Chimera.Cluster.Security;

/// <summary>
/// The shared cluster secret and the HMAC-SHA256 proofs built from it. The secret itself never crosses the wire: a
/// peer proves it knows the secret by signing a fresh challenge (a random nonce) together with what it asks for.
/// </summary>
internal sealed class ClusterSecret
{
    private readonly byte[] _key;

    public ClusterSecret(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _key = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>A fresh random challenge, hex-encoded.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The proof for a challenge and the context it authorizes (e.g. "register|worker-1").</summary>
    public string Prove(string nonce, string context) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(nonce + "\n" + context)));

    /// <summary>Checks a proof in constant time.</summary>
    public bool Verify(string nonce, string context, string? proof)
    {
        if (proof is null || proof.Length != 64)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Prove(nonce, context));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(proof));
    }
}
