using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Chimera.Wire;

/// <summary>
/// Writes frames into any <see cref="IBufferWriter{T}"/> (a <c>PipeWriter</c> in the transport). Payloads larger than
/// <see cref="WireSettings.MaxFrameSize"/> are split into a start frame flagged <see cref="FrameFlags.More"/> and
/// continuation frames; a message's frames are always written contiguously.
/// </summary>
/// <remarks>One per connection; not thread-safe. Chunks are encoded into a reused pooled scratch buffer first, so a
/// chunk that fails to encode leaves the output untouched and steady-state encoding does not allocate buffers.</remarks>
internal sealed class FrameWriter : IDisposable
{
    /// <summary>The caps.</summary>
    private readonly WireSettings _settings;

    /// <summary>Encodes chunks.</summary>
    private readonly DataChunkCodec _codec;

    /// <summary>Stamps the transmitted time.</summary>
    private readonly TimeProvider _time;

    /// <summary>The reused buffer chunks are encoded into.</summary>
    private readonly PooledBufferWriter _scratch = new();

    /// <summary>Creates a writer that encodes chunks with <paramref name="codec"/> and stamps them with <paramref name="time"/>.</summary>
    public FrameWriter(DataChunkCodec codec, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(codec);
        _codec = codec;
        _settings = codec.Settings;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Writes one data element, stamped with the current time as its transmitted time (the chunk itself is not changed).</summary>
    /// <exception cref="WireFormatException">The chunk cannot be encoded within the caps; nothing was written.</exception>
    public void WriteData(IBufferWriter<byte> output, long sequence, DataChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(output);
        _scratch.Clear();
        _codec.Encode(chunk, _scratch, _time.GetUtcNow());
        WriteFrame(output, FrameType.Data, sequence, _scratch.WrittenSpan);
    }

    /// <summary>Writes several elements in one message; they get sequence numbers <paramref name="firstSequence"/>, +1, +2 and so on.</summary>
    /// <exception cref="WireFormatException">A chunk cannot be encoded within the caps; nothing was written.</exception>
    public void WriteDataBatch(IBufferWriter<byte> output, long firstSequence, IReadOnlyList<DataChunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(output);
        _scratch.Clear();
        _codec.EncodeBatch(chunks, _scratch, _time.GetUtcNow());
        WriteFrame(output, FrameType.DataBatch, firstSequence, _scratch.WrittenSpan);
    }

    /// <summary>Writes the receiver's cumulative demand.</summary>
    public void WriteDemand(IBufferWriter<byte> output, long cumulativeDemand) => WriteInt64Frame(output, FrameType.Demand, cumulativeDemand);

    /// <summary>Writes the end of the stream; <paramref name="lastSequence"/> is the last element sent, or -1 if none.</summary>
    public void WriteComplete(IBufferWriter<byte> output, long lastSequence) => WriteFrame(output, FrameType.Complete, lastSequence, []);

    /// <summary>Writes the sender's failure; a reason longer than <see cref="WireSettings.MaxReasonLength"/> is truncated, not refused.</summary>
    public void WriteFail(IBufferWriter<byte> output, long lastSequence, string reason) => WriteReasonFrame(output, FrameType.Fail, lastSequence, reason);

    /// <summary>Writes the receiver's cancellation; a long reason is truncated.</summary>
    public void WriteCancel(IBufferWriter<byte> output, string reason) => WriteReasonFrame(output, FrameType.Cancel, 0, reason);

    /// <summary>Writes a ping carrying <paramref name="nonce"/>.</summary>
    public void WritePing(IBufferWriter<byte> output, long nonce) => WriteInt64Frame(output, FrameType.Ping, nonce);

    /// <summary>Writes a pong echoing <paramref name="nonce"/>.</summary>
    public void WritePong(IBufferWriter<byte> output, long nonce) => WriteInt64Frame(output, FrameType.Pong, nonce);

    /// <summary>Writes a handshake whose payload the stream ref protocol defines.</summary>
    public void WriteHandshake(IBufferWriter<byte> output, ReadOnlySpan<byte> payload) => WriteFrame(output, FrameType.Handshake, 0, payload);

    /// <summary>Writes any message, splitting it into continuation frames when it exceeds the maximum frame size.</summary>
    /// <exception cref="WireFormatException">The payload exceeds <see cref="WireSettings.MaxElementSize"/>; nothing was written.</exception>
    public void WriteFrame(IBufferWriter<byte> output, FrameType type, long sequence, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (type == FrameType.Continuation)
        {
            throw new ArgumentException("Continuation frames are written by the writer itself when a payload is split.", nameof(type));
        }

        if (payload.Length > _settings.MaxElementSize)
        {
            throw new WireFormatException(WireMessages.ElementTooLarge(payload.Length, _settings.MaxElementSize));
        }

        var maxFrame = _settings.MaxFrameSize;
        var frameType = type;
        do
        {
            var length = Math.Min(payload.Length, maxFrame);
            var flags = payload.Length > length ? FrameFlags.More : FrameFlags.None;
            new FrameHeader(frameType, flags, (uint)length, sequence).Write(output.GetSpan(FrameHeader.Size));
            output.Advance(FrameHeader.Size);
            PayloadWriter.WriteBlocks(output, payload[..length]);
            payload = payload[length..];
            frameType = FrameType.Continuation;
        }
        while (!payload.IsEmpty);
    }

    /// <inheritdoc />
    public void Dispose() => _scratch.Dispose();

    /// <summary>Writes a frame whose payload is one int64.</summary>
    private void WriteInt64Frame(IBufferWriter<byte> output, FrameType type, long value)
    {
        Span<byte> payload = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(payload, value);
        WriteFrame(output, type, 0, payload);
    }

    /// <summary>Writes a frame whose payload is a UTF-8 reason, cut at a character boundary if too long.</summary>
    private void WriteReasonFrame(IBufferWriter<byte> output, FrameType type, long sequence, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        _scratch.Clear();
        var length = Encoding.UTF8.GetByteCount(reason);
        var written = Encoding.UTF8.GetBytes(reason, _scratch.GetSpan(length));
        _scratch.Advance(written);
        var bytes = _scratch.WrittenSpan;
        var cap = _settings.MaxReasonLength;
        if (bytes.Length > cap)
        {
            // Back up over UTF-8 continuation bytes (10xxxxxx) so no character is cut in half.
            var cut = cap;
            while (cut > 0 && (bytes[cut] & 0xC0) == 0x80)
            {
                cut--;
            }

            bytes = bytes[..cut];
        }

        WriteFrame(output, type, sequence, bytes);
    }
}
