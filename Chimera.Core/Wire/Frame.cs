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
/// <param name="Payload">The message bytes, without the header.</param>
internal readonly record struct Frame(FrameType Type, long Sequence, ReadOnlySequence<byte> Payload);
