using Chimera.Cluster.Security;

namespace Chimera.Remote;

/// <summary>Proves and checks stream handshakes with the cluster secret's HMAC, the same proof the control plane uses.</summary>
internal sealed class ClusterSecretAuthenticator : IStreamAuthenticator
{
    /// <summary>The secret.</summary>
    private readonly ClusterSecret _secret;

    /// <summary>Wraps <paramref name="secret"/>.</summary>
    public ClusterSecretAuthenticator(ClusterSecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        _secret = secret;
    }

    /// <summary>Builds the authenticator from the secret's text; <see langword="null"/> or empty means no secret (loopback only).</summary>
    public static ClusterSecretAuthenticator? For(string? secret) =>
        string.IsNullOrEmpty(secret) ? null : new ClusterSecretAuthenticator(new ClusterSecret(secret));

    /// <inheritdoc />
    public string NewNonce() => ClusterSecret.NewNonce();

    /// <inheritdoc />
    public string Prove(string nonce, string context) => _secret.Prove(nonce, context);

    /// <inheritdoc />
    public bool Verify(string nonce, string context, string? proof) => _secret.Verify(nonce, context, proof);
}
