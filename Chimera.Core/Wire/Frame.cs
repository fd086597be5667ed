using System.Buffers;

namespace Chimera.Wire;

/// <summary>
/// One complete message read from the wire: its type, its sequence number and its payload (already reassembled when
/// the sender split it into continuation frames).
/// </summary>
/// <remarks>The payload points into the reader's buffer: it is valid until the next call to
/// <see cref="FrameReader.TryReadFrame"/> or until the pipe is advanced, so decode it before either.</remarks>
/// <param name="Type">What the frame carries.</param>
/// <param name="Sequence">The header's sequence number (element number for data frames, 0 when unused).</param>
/// <param name="Payload">The message bytes, without the header; with <paramref name="Placed"/>, only those before its value.</param>
/// <param name="Placed">
/// The last record's value when the assembler received it in place (<see cref="DataChunkCodec.TryPlace"/>): pass it
/// to <see cref="DataChunkCodec.Decode"/> with the payload.
/// </param>
internal readonly record struct Frame(FrameType Type, long Sequence, ReadOnlySequence<byte> Payload, PlacedValue? Placed = null)
{
    /// <summary>The message's length in bytes, a value received in place included.</summary>
    public long Length => Payload.Length + (Placed?.Length ?? 0);
}
