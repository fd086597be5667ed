using System.Globalization;

namespace Chimera.Cluster.Security;

/// <summary>
/// Signs and checks control-API requests between cluster members: header <c>X-Chimera-Auth: time.nonce.proof</c>, where the
/// proof signs the time, nonce, method and path with the cluster secret. Requests older than the allowed skew and
/// nonces already seen are refused, so a captured header cannot be replayed.
/// </summary>
internal sealed class RequestSigner(ClusterSecret secret, TimeProvider clock)
{
    public const string HeaderName = "X-Chimera-Auth";

    private static readonly TimeSpan s_skew = TimeSpan.FromSeconds(60);
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    public string Sign(string method, string path)
    {
        var time = clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var nonce = ClusterSecret.NewNonce();
        return $"{time}.{nonce}.{secret.Prove(nonce, Context(time, method, path))}";
    }

    /// <summary>Checks a header; returns null when valid, else the reason for the refusal.</summary>
    public string? Check(string? header, string method, string path)
    {
        if (string.IsNullOrEmpty(header))
        {
            return $"missing {HeaderName} header";
        }

        var parts = header.Split('.');
        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return $"malformed {HeaderName} header";
        }

        var now = clock.GetUtcNow();
        var sent = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        if ((now - sent).Duration() > s_skew)
        {
            return $"request time {sent:O} is more than {s_skew.TotalSeconds:0} s from this member's clock";
        }

        if (!secret.Verify(parts[1], Context(parts[0], method, path), parts[2]))
        {
            return "wrong cluster secret (the request's proof does not verify)";
        }

        lock (_seen)
        {
            if (_seen.Count > 10_000)
            {
                foreach (var old in _seen.Where(p => now - p.Value > s_skew).Select(p => p.Key).ToList())
                {
                    _seen.Remove(old);
                }
            }

            if (!_seen.TryAdd(parts[1], now))
            {
                return "replayed request (nonce already used)";
            }
        }

        return null;
    }

    private static string Context(string time, string method, string path) => $"{time}|{method.ToUpperInvariant()}|{path}";
}
