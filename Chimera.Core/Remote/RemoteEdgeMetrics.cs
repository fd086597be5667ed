namespace Chimera.Remote;

/// <summary>A snapshot of one end of a cross-worker edge.</summary>
/// <param name="Edge">The edge id, <c>from -> to</c>.</param>
/// <param name="Role">Which end this is.</param>
/// <param name="Peer">The partner's address, or <see langword="null"/> before it connected.</param>
/// <param name="ElementsSent">Elements written to the connection (sender).</param>
/// <param name="ElementsReceived">Elements read from the connection (receiver).</param>
/// <param name="BytesSent">Encoded element bytes written (sender).</param>
/// <param name="BytesReceived">Encoded element bytes read (receiver).</param>
/// <param name="CreditOutstanding">Credit granted but not used yet: elements the sender may still send without new demand.</param>
/// <param name="RoundTripEstimate">The smoothed ping round trip, or <see langword="null"/> before the first pong.</param>
/// <param name="Dropped">Elements the receiving side's overflow policy dropped (receiver; 0 on the sender).</param>
/// <param name="Writes">Flushes of the connection's output: batches handed to the socket, control frames included.</param>
/// <param name="Reads">Times the read loop woke with bytes: at most one per receive call on the socket.</param>
internal sealed record RemoteEdgeMetrics(
    string Edge,
    RemoteEdgeRole Role,
    string? Peer,
    long ElementsSent,
    long ElementsReceived,
    long BytesSent,
    long BytesReceived,
    long CreditOutstanding,
    TimeSpan? RoundTripEstimate,
    long Dropped,
    long Writes,
    long Reads);
