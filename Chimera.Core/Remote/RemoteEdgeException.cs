namespace Chimera.Remote;

/// <summary>
/// A cross-worker edge failed: the handshake was refused, the partner went silent or sent something invalid, or the
/// upstream side failed. The message names the edge, the peer's address and the worker.
/// </summary>
public sealed class RemoteEdgeException : IOException
{
    /// <summary>Creates the exception for <paramref name="edge"/> and <paramref name="peer"/>.</summary>
    /// <param name="message">A full sentence that names the edge, the peer and the worker.</param>
    /// <param name="edge">The edge id, <c>from -> to</c>.</param>
    /// <param name="peer">The partner's address, or <see langword="null"/> when there was no connection.</param>
    /// <param name="innerException">The error that revealed the failure, if any.</param>
    public RemoteEdgeException(string message, string edge, string? peer, Exception? innerException = null)
        : base(message, innerException)
    {
        Edge = edge;
        Peer = peer;
    }

    /// <summary>The edge id, <c>from -> to</c>.</summary>
    public string Edge { get; }

    /// <summary>The partner's address (<c>host:port</c>), or <see langword="null"/> when no connection was made.</summary>
    public string? Peer { get; }
}
