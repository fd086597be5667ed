namespace Chimera.Remote;

/// <summary>The first byte of a handshake frame's payload. The numbers are part of the wire format: never renumber, only add.</summary>
internal enum HandshakeKind : byte
{
    /// <summary>Receiver → sender: stream protocol version, receiving worker, run id, edge id.</summary>
    Hello = 1,

    /// <summary>Sender → receiver: a random nonce the receiver must sign.</summary>
    Challenge = 2,

    /// <summary>Receiver → sender: the HMAC proof over the nonce and <c>stream|run|edge</c> (empty without a secret).</summary>
    Proof = 3,

    /// <summary>Sender → receiver: the edge is the receiver's; data frames follow.</summary>
    Accept = 4,

    /// <summary>Sender → receiver: a reason, then the sender closes the connection.</summary>
    Refuse = 5,
}
