namespace Chimera.Remote;

/// <summary>
/// Proves and checks knowledge of the cluster secret during a stream handshake. Core only knows this shape; the host
/// implements it with the cluster's HMAC helper, so the secret never enters the protocol code.
/// </summary>
internal interface IStreamAuthenticator
{
    /// <summary>A fresh random challenge.</summary>
    string NewNonce();

    /// <summary>The proof for <paramref name="nonce"/> and the <paramref name="context"/> it authorizes.</summary>
    string Prove(string nonce, string context);

    /// <summary>Checks a proof in constant time.</summary>
    bool Verify(string nonce, string context, string? proof);
}
