using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Chimera.Wire;

/// <summary>
/// Cuts complete messages out of the bytes of one connection, validating each header (magic, version, type, flags,
/// length against <see cref="WireSettings.MaxFrameSize"/>) and reassembling chunked payloads. One per connection;
/// not thread-safe.
/// </summary>
/// <remarks>
/// Typical use with a pipe:
/// <code>
/// var buffer = result.Buffer;
/// while (frameReader.TryReadFrame(ref buffer, out var frame)) { Handle(frame); }
/// pipeReader.AdvanceTo(buffer.Start, buffer.End);
/// </code>
/// Any <see cref="WireFormatException"/> means the connection is unusable: log it (<see cref="WireLog.ConnectionFailed"/>)
/// and close the connection.
/// </remarks>
internal sealed class FrameReader : IDisposable
{
    /// <summary>The caps.</summary>
    private readonly WireSettings _settings;

    /// <summary>Rebuilds chunked payloads.</summary>
    private readonly FrameAssembler _assembler;

    /// <summary>
    /// The first-frame bytes that must have arrived before the reader looks for a value to receive in place in a frame
    /// not yet complete (the chunk and record headers are a few dozen bytes; this leaves room for a small record before).
    /// </summary>
    private const int PartialHeadBytes = 4096;

    /// <summary>
    /// Payload bytes of the current frame still to come while a frame whose bytes go into a value received in place is
    /// read in pieces; 0 between frames.
    /// </summary>
    private long _frameRemaining;

    /// <summary>Whether the frame read in pieces has the <see cref="FrameFlags.More"/> flag.</summary>
    private bool _frameMore;

    /// <summary>
    /// Set once the incomplete first frame at the front of the buffer was found not to hold a value to receive in place,
    /// so that it is not parsed again on every arrival; cleared when a frame is consumed.
    /// </summary>
    private bool _headDeclined;

    /// <summary>Creates a reader enforcing the caps of <paramref name="settings"/>.</summary>
    /// <param name="settings">The caps.</param>
    /// <param name="placer">
    /// The codec of the data frames this reader will read, to receive their large numeric arrays in place (the
    /// <see cref="Frame.Placed"/> of a data frame); <see langword="null"/> assembles every message whole.
    /// </param>
    public FrameReader(WireSettings settings, DataChunkCodec? placer = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _assembler = new FrameAssembler(settings, placer);
    }

    /// <summary>Whether part of a chunked message has been read and the rest is awaited.</summary>
    public bool IsAssembling => _assembler.IsActive;

    /// <summary>
    /// Where the connection's next bytes may be received directly, bypassing the buffer <see cref="TryReadFrame"/>
    /// reads: the unwritten part of a value received in place, when the frame being read continues into it and every
    /// byte before has been consumed. Empty otherwise. The frame's last byte is never offered, so that the message
    /// always ends in <see cref="TryReadFrame"/>, which returns it.
    /// </summary>
    public Span<byte> DirectTarget => _frameRemaining > 1 ? _assembler.PlacedSpan((int)Math.Min(_frameRemaining - 1, int.MaxValue)) : default;

    /// <summary>Records that the first <paramref name="count"/> bytes of <see cref="DirectTarget"/> were received.</summary>
    public void AdvanceDirect(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _frameRemaining - 1);
        _assembler.AdvancePlaced(count);
        _frameRemaining -= count;
    }

    /// <summary>
    /// Reads the next complete message from <paramref name="buffer"/> and advances <paramref name="buffer"/> past
    /// every byte consumed (including continuation frames copied aside while a chunked message is assembled).
    /// </summary>
    /// <param name="buffer">The unread bytes; on return, what is left of them.</param>
    /// <param name="frame">The message. Its payload is valid until the next call or until the caller's buffer is released.</param>
    /// <returns><see langword="true"/> if a message was read; <see langword="false"/> if more bytes are needed.</returns>
    /// <exception cref="WireFormatException">The bytes are not a valid frame sequence.</exception>
    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out Frame frame)
    {
        if (!_assembler.IsActive)
        {
            _assembler.Reset();
        }

        Span<byte> headerBytes = stackalloc byte[FrameHeader.Size];
        while (!buffer.IsEmpty)
        {
            if (_frameRemaining > 0)
            {
                // The rest of a frame read in pieces: all of it belongs to the value received in place.
                var piece = buffer.Slice(0, Math.Min(buffer.Length, _frameRemaining));
                _assembler.Append(piece);
                buffer = buffer.Slice(piece.Length);
                _frameRemaining -= piece.Length;
                if (_frameRemaining > 0)
                {
                    break;
                }

                if (!_frameMore)
                {
                    frame = _assembler.Complete();
                    return true;
                }

                continue;
            }

            // Validate whatever part of the header has arrived, so garbage fails at once instead of after 16 bytes.
            var available = (int)Math.Min(buffer.Length, FrameHeader.Size);
            buffer.Slice(0, available).CopyTo(headerBytes);
            Validate(headerBytes[..available]);
            if (available < FrameHeader.Size)
            {
                break;
            }

            var header = FrameHeader.Read(headerBytes);
            var more = (header.Flags & FrameFlags.More) != 0;
            if (header.Type == FrameType.Continuation)
            {
                if (!_assembler.IsActive)
                {
                    throw new WireFormatException(WireMessages.UnexpectedContinuation);
                }

                if (header.Sequence != _assembler.Sequence)
                {
                    throw new WireFormatException(WireMessages.ContinuationSequenceMismatch(_assembler.Sequence, header.Sequence));
                }
            }
            else if (_assembler.IsActive)
            {
                throw new WireFormatException(WireMessages.ExpectedContinuation(header.Type));
            }

            var total = FrameHeader.Size + (long)header.PayloadLength;
            if (buffer.Length < total)
            {
                StartInPieces(header, more, ref buffer);
                break;
            }

            _headDeclined = false;
            var payload = buffer.Slice(FrameHeader.Size, header.PayloadLength);
            if (header.Type == FrameType.Continuation)
            {
                _assembler.Append(payload);
                buffer = buffer.Slice(total);
                if (!more)
                {
                    frame = _assembler.Complete();
                    return true;
                }

                continue;
            }

            if (more)
            {
                _assembler.Start(header.Type, header.Sequence, payload);
                buffer = buffer.Slice(total);
                continue;
            }

            frame = new Frame(header.Type, header.Sequence, payload);
            buffer = buffer.Slice(total);
            return true;
        }

        frame = default;
        return false;
    }

    /// <summary>
    /// Consumes the header and the payload so far of an incomplete frame whose payload goes into a value received in
    /// place (a continuation of such a message, or the first frame of one once its head has arrived), so those bytes
    /// are copied while still in the cache and the rest can arrive through <see cref="DirectTarget"/>; leaves any other
    /// incomplete frame in <paramref name="buffer"/> until it is whole.
    /// </summary>
    private void StartInPieces(in FrameHeader header, bool more, ref ReadOnlySequence<byte> buffer)
    {
        var payload = buffer.Slice(FrameHeader.Size);
        if (header.Type == FrameType.Continuation)
        {
            if (!_assembler.IsPlacing)
            {
                return;
            }

            _assembler.Append(payload);
        }
        else
        {
            if (!more || _headDeclined || payload.Length < Math.Min(header.PayloadLength, PartialHeadBytes))
            {
                return;
            }

            if (!_assembler.TryStartPlaced(header.Type, header.Sequence, payload))
            {
                _headDeclined = true;
                return;
            }
        }

        _frameRemaining = header.PayloadLength - payload.Length;
        _frameMore = more;
        buffer = buffer.Slice(buffer.End);
    }

    /// <summary>Reads the int64 payload of a <see cref="FrameType.Demand"/>, <see cref="FrameType.Ping"/> or <see cref="FrameType.Pong"/> frame.</summary>
    /// <exception cref="WireFormatException">The payload is not exactly 8 bytes.</exception>
    public static long ReadInt64(in Frame frame)
    {
        if (frame.Payload.Length != sizeof(long))
        {
            throw new WireFormatException(WireMessages.WrongLength($"{frame.Type} frame", frame.Payload.Length, sizeof(long)));
        }

        Span<byte> bytes = stackalloc byte[sizeof(long)];
        frame.Payload.CopyTo(bytes);
        return BinaryPrimitives.ReadInt64LittleEndian(bytes);
    }

    /// <summary>Reads the UTF-8 reason of a <see cref="FrameType.Fail"/> or <see cref="FrameType.Cancel"/> frame.</summary>
    /// <exception cref="WireFormatException">The reason is longer than <see cref="WireSettings.MaxReasonLength"/>.</exception>
    public string ReadReason(in Frame frame)
    {
        if (frame.Payload.Length > _settings.MaxReasonLength)
        {
            throw new WireFormatException(WireMessages.FieldTooLong("reason", frame.Payload.Length, _settings.MaxReasonLength, "max-reason-length"));
        }

        return Encoding.UTF8.GetString(frame.Payload);
    }

    /// <inheritdoc />
    public void Dispose() => _assembler.Dispose();

    /// <summary>Checks the magic, version, type, flags and length found in the first bytes of a header (as many as have arrived).</summary>
    private void Validate(ReadOnlySpan<byte> bytes)
    {
        if (bytes[0] != FrameHeader.Magic)
        {
            throw new WireFormatException(WireMessages.BadMagic(bytes[0]));
        }

        if (bytes.Length > 1 && bytes[1] != (byte)FrameHeader.CurrentVersion)
        {
            throw new WireFormatException(WireMessages.UnknownVersion(bytes[1]));
        }

        if (bytes.Length > 2 && (FrameType)bytes[2] is < FrameType.Handshake or > FrameType.Continuation)
        {
            throw new WireFormatException(WireMessages.UnknownFrameType(bytes[2]));
        }

        if (bytes.Length > 3 && (bytes[3] & ~(byte)FrameFlags.More) != 0)
        {
            throw new WireFormatException(WireMessages.UnknownFlags(bytes[3]));
        }

        if (bytes.Length < 8)
        {
            return;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        if (length > (uint)_settings.MaxFrameSize)
        {
            throw new WireFormatException(WireMessages.FrameTooLarge(length, _settings.MaxFrameSize));
        }

        if (length > (uint)_settings.MaxElementSize)
        {
            throw new WireFormatException(WireMessages.ElementTooLarge(length, _settings.MaxElementSize));
        }

        if (length == 0 && (bytes[3] & (byte)FrameFlags.More) != 0)
        {
            throw new WireFormatException(WireMessages.EmptyChunkedFrame);
        }
    }
}
