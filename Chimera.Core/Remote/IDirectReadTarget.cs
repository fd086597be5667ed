namespace Chimera.Remote;

/// <summary>
/// The reading end of a connection that can take some of its next bytes straight into where they end up (the array of
/// a large value received in place), so a transport with a receiving thread of its own reads them from the socket into
/// that array instead of into its pipe, from which the frame reader would copy them again.
/// </summary>
/// <remarks>
/// An offer stands only while the connection's read loop is parked waiting for the pipe, having consumed every byte
/// in it: the loop makes the offer as it parks, and only the transport's receiving thread, the pipe's one writer,
/// takes it, so the loop cannot run again until that thread writes to the pipe. Transports whose read loop may run
/// elsewhere must not use this.
/// </remarks>
internal interface IDirectReadTarget
{
    /// <summary>Takes the standing offer: where the next bytes may be received, or an empty span when they go through the pipe.</summary>
    Span<byte> TakeOffer();

    /// <summary>Records that the first <paramref name="count"/> bytes of the span <see cref="TakeOffer"/> returned were received.</summary>
    void Received(int count);
}
