namespace Chimera.Remote;

/// <summary>Which end of a cross-worker edge a worker holds.</summary>
internal enum RemoteEdgeRole
{
    /// <summary>The upstream worker: it drains its local channel and sends elements as credit allows.</summary>
    Sender,

    /// <summary>The downstream worker: it connects, grants credit and writes elements into its local channel.</summary>
    Receiver,
}
