using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Chimera.Cluster.Security;

/// <summary>
/// The cluster's TLS certificate (a PFX file from config): members serve their control APIs with it, and trust a peer
/// whose certificate either validates normally or is this very certificate (pinned by thumbprint), so a self-signed
/// cluster certificate works without touching the machines' trust stores.
/// </summary>
internal sealed class ClusterCertificate
{
    private ClusterCertificate(X509Certificate2 certificate)
    {
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    public static ClusterCertificate? Load(string? path, string? password)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The cluster TLS certificate '{path}' does not exist; give a PFX file with its private key (tls-certificate) or remove the setting.", path);
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The cluster TLS certificate '{path}' has no private key; members need it to serve TLS.");
        }

        return new ClusterCertificate(certificate);
    }

    /// <summary>Accepts a peer certificate that validates, or that is the cluster certificate itself.</summary>
    public bool Validate(X509Certificate? peer, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None ||
        (peer is not null && string.Equals(peer.GetCertHashString(), Certificate.Thumbprint, StringComparison.OrdinalIgnoreCase));

    public HttpClientHandler CreateHandler() => new()
    {
        ServerCertificateCustomValidationCallback = (_, peer, _, errors) => Validate(peer, errors),
    };
}
