namespace Chimera.Wire;

/// <summary>What a frame carries. The numbers are part of the wire format: never renumber, only add.</summary>
internal enum FrameType : byte
{
    /// <summary>Opens a connection; its payload (protocol version, worker, edge, blueprint) belongs to the stream ref protocol.</summary>
    Handshake = 1,

    /// <summary>One data element: an encoded <see cref="DataChunk"/>; the header's sequence number is the element's.</summary>
    Data = 2,

    /// <summary>Several small elements in one frame, to save a header and a flush each; the header's sequence number is the first element's and the others follow consecutively.</summary>
    DataBatch = 3,

    /// <summary>The receiver's cumulative demand (credit): an int64 payload, the total number of elements it can take since the start.</summary>
    Demand = 4,

    /// <summary>The sender has no more elements; the header's sequence number is the last one sent (or -1 if none).</summary>
    Complete = 5,

    /// <summary>The sender failed; the payload is a UTF-8 reason and the header's sequence number is the last one sent.</summary>
    Fail = 6,

    /// <summary>The receiver no longer wants elements; the payload is a UTF-8 reason.</summary>
    Cancel = 7,

    /// <summary>Asks the partner to prove it is alive; an int64 payload the partner echoes in a <see cref="Pong"/>.</summary>
    Ping = 8,

    /// <summary>Answers a <see cref="Ping"/> with its payload.</summary>
    Pong = 9,

    /// <summary>The next piece of a payload too large for one frame; only valid after a frame flagged <see cref="FrameFlags.More"/>.</summary>
    Continuation = 10,
}
