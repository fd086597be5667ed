namespace Chimera.Remote;

/// <summary>The stream reference protocol version carried in the Hello message; add a member for every change and say what changed.</summary>
internal enum StreamProtocolVersion : byte
{
    /// <summary>
    /// Hello / Challenge / Proof / Accept-or-Refuse handshake; cumulative int64 demand; Data and DataBatch frames with
    /// consecutive sequence numbers from 0; Complete and Fail carrying the last sequence; Ping/Pong both ways.
    /// </summary>
    V1 = 1,
}
