using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Chimera.Wire;

namespace Chimera.Tests.Wire;

public sealed class FrameReaderTests
{
    [Fact]
    public void ControlFrames_RoundTrip_InOneBuffer()
    {
        var settings = new WireSettings();
        using var writer = new FrameWriter(DataChunkCodecTests.NewCodec(settings));
        var output = new ArrayBufferWriter<byte>();
        writer.WriteHandshake(output, "hello"u8);
        writer.WriteDemand(output, 64);
        writer.WritePing(output, -5);
        writer.WritePong(output, long.MaxValue);
        writer.WriteComplete(output, 41);
        writer.WriteFail(output, 41, "node 'gray' failed: ✗");
        writer.WriteCancel(output, "sink stopped");

        var buffer = WireTestKit.Segmented(output.WrittenSpan.ToArray(), 5);
        using var reader = new FrameReader(settings);
        var frames = new List<(FrameType Type, long Sequence, byte[] Payload)>();
        while (reader.TryReadFrame(ref buffer, out var frame))
        {
            frames.Add((frame.Type, frame.Sequence, frame.Payload.ToArray()));
        }

        Assert.True(buffer.IsEmpty);
        Assert.Equal(
            new[] { FrameType.Handshake, FrameType.Demand, FrameType.Ping, FrameType.Pong, FrameType.Complete, FrameType.Fail, FrameType.Cancel },
            frames.Select(f => f.Type));
        Assert.Equal("hello"u8.ToArray(), frames[0].Payload);
        Assert.Equal(64, FrameReader.ReadInt64(Frame(frames[1])));
        Assert.Equal(-5, FrameReader.ReadInt64(Frame(frames[2])));
        Assert.Equal(long.MaxValue, FrameReader.ReadInt64(Frame(frames[3])));
        Assert.Equal(41, frames[4].Sequence);
        Assert.Empty(frames[4].Payload);
        Assert.Equal(41, frames[5].Sequence);
        Assert.Equal("node 'gray' failed: ✗", reader.ReadReason(Frame(frames[5])));
        Assert.Equal("sink stopped", reader.ReadReason(Frame(frames[6])));
    }

    [Fact]
    public void WriteFail_LongReason_IsTruncatedAtACharacterBoundary()
    {
        var settings = new WireSettings { MaxReasonLength = 64 };
        using var writer = new FrameWriter(DataChunkCodecTests.NewCodec(settings));
        var output = new ArrayBufferWriter<byte>();

        writer.WriteFail(output, 0, "x" + new string('é', 100));
        var buffer = new ReadOnlySequence<byte>(output.WrittenMemory);
        using var reader = new FrameReader(settings);
        Assert.True(reader.TryReadFrame(ref buffer, out var frame));
        var reason = reader.ReadReason(frame);

        Assert.Equal("x" + new string('é', 31), reason);
    }

    [Fact]
    public void PartialHeader_NeedsMoreBytes()
    {
        var bytes = Header(FrameType.Data, 0, 0, 0)[..10];
        var buffer = new ReadOnlySequence<byte>(bytes);
        using var reader = new FrameReader(new WireSettings());

        Assert.False(reader.TryReadFrame(ref buffer, out _));
        Assert.Equal(10, buffer.Length);
    }

    [Fact]
    public void PartialHeader_WithOversizedLength_FailsBeforeTheRestArrives()
    {
        var bytes = Header(FrameType.Data, 0, 0xFFFFFFFF, 0)[..8];

        var error = ReadError(bytes);

        Assert.StartsWith("Frame of 4294967295 bytes exceeds the maximum frame size", error.Message);
    }

    [Fact]
    public void PartialHeader_WithBadVersion_FailsAtOnce()
    {
        var error = ReadError([FrameHeader.Magic, 2]);

        Assert.StartsWith("Frame has protocol version 2", error.Message);
    }

    [Fact]
    public void PartialPayload_NeedsMoreBytes()
    {
        var bytes = Header(FrameType.Data, 0, 100, 0).Concat(new byte[50]).ToArray();
        var buffer = new ReadOnlySequence<byte>(bytes);
        using var reader = new FrameReader(new WireSettings());

        Assert.False(reader.TryReadFrame(ref buffer, out _));
        Assert.Equal(bytes.Length, buffer.Length);
    }

    [Fact]
    public void BadMagic_FailsOnTheFirstByte()
    {
        var error = ReadError("G"u8.ToArray());

        Assert.Equal("Frame starts with 0x47 instead of the Chimera magic byte 0xC7: the peer does not speak the Chimera data protocol.", error.Message);
    }

    [Fact]
    public void UnknownVersion_SaysWhichSideToUpgrade()
    {
        var bytes = Header(FrameType.Data, 0, 0, 0);
        bytes[1] = 9;

        var error = ReadError(bytes);

        Assert.Equal("Frame has protocol version 9 but this build speaks version 1: upgrade the older side so both run the same Chimera release.", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(255)]
    public void UnknownFrameType_Fails(byte type)
    {
        var error = ReadError(Header((FrameType)type, 0, 0, 0));

        Assert.Equal($"Frame has unknown type {type}.", error.Message);
    }

    [Fact]
    public void UnknownFlags_Fail()
    {
        var error = ReadError(Header(FrameType.Data, (FrameFlags)0x82, 0, 0));

        Assert.Equal("Frame has unknown flags 0x82.", error.Message);
    }

    [Theory]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(0x80000000u)]
    [InlineData(1024u * 1024 + 1)]
    public void LengthOverMaxFrameSize_FailsWithoutWaitingForThePayload(uint length)
    {
        var error = ReadError(Header(FrameType.Data, 0, length, 0));

        Assert.Equal($"Frame of {length} bytes exceeds the maximum frame size of 1048576 bytes (chimera.wire.max-frame-size); larger payloads must be split into continuation frames.", error.Message);
    }

    [Fact]
    public void ContinuationWithoutStart_Fails()
    {
        var error = ReadError(Header(FrameType.Continuation, 0, 0, 0));

        Assert.Equal("Continuation frame arrived without a preceding frame flagged 'More'.", error.Message);
    }

    [Fact]
    public void NewMessageWhileAssembling_Fails()
    {
        var bytes = Header(FrameType.Data, FrameFlags.More, 1, 3).Append((byte)1).Concat(Header(FrameType.Ping, 0, 0, 0)).ToArray();

        var error = ReadError(bytes);

        Assert.Equal("A Ping frame arrived while a chunked message was still incomplete; expected a Continuation frame.", error.Message);
    }

    [Fact]
    public void ContinuationWithOtherSequence_Fails()
    {
        var bytes = Header(FrameType.Data, FrameFlags.More, 1, 3).Append((byte)1).Concat(Header(FrameType.Continuation, 0, 0, 4)).ToArray();

        var error = ReadError(bytes);

        Assert.Equal("Continuation frame has sequence 4 but the message it continues has sequence 3.", error.Message);
    }

    [Fact]
    public void EmptyFrameFlaggedMore_Fails()
    {
        var error = ReadError(Header(FrameType.Data, FrameFlags.More, 0, 0));

        Assert.Equal("Frame flagged 'More' carries no payload.", error.Message);
    }

    [Fact]
    public void ContinuationsBeyondMaxElementSize_Fail()
    {
        var settings = new WireSettings { MaxFrameSize = 1024, MaxElementSize = 4096 };
        var frame = Header(FrameType.Data, FrameFlags.More, 1024, 0).Concat(new byte[1024]).ToArray();
        var continuation = Header(FrameType.Continuation, FrameFlags.More, 1024, 0).Concat(new byte[1024]).ToArray();
        var bytes = frame.Concat(Enumerable.Repeat(continuation, 10).SelectMany(c => c)).ToArray();

        var error = ReadError(bytes, settings);

        Assert.Equal("Element of 5120 bytes exceeds the maximum element size of 4096 bytes (chimera.wire.max-element-size).", error.Message);
    }

    [Fact]
    public void ReadInt64_WrongLength_Fails()
    {
        var frame = new Frame(FrameType.Demand, 0, new ReadOnlySequence<byte>(new byte[3]));

        var error = Assert.Throws<WireFormatException>(() => FrameReader.ReadInt64(frame));

        Assert.Equal("A Demand frame value must be 8 bytes, not 3.", error.Message);
    }

    [Fact]
    public void ReadReason_OverCap_Fails()
    {
        using var reader = new FrameReader(new WireSettings { MaxReasonLength = 64 });
        var frame = new Frame(FrameType.Fail, 0, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(new string('r', 65))));

        var error = Assert.Throws<WireFormatException>(() => reader.ReadReason(frame));

        Assert.Equal("The reason of 65 bytes exceeds the limit of 64 bytes (chimera.wire.max-reason-length).", error.Message);
    }

    [Fact]
    public void WriteFrame_SplitsAtMaxFrameSize_AndKeepsTheSequence()
    {
        var settings = new WireSettings { MaxFrameSize = 100 };
        using var writer = new FrameWriter(DataChunkCodecTests.NewCodec(settings));
        var output = new ArrayBufferWriter<byte>();
        var payload = Enumerable.Range(0, 250).Select(i => (byte)i).ToArray();

        writer.WriteFrame(output, FrameType.Handshake, 9, payload);
        var bytes = output.WrittenSpan.ToArray();

        Assert.Equal(250 + (3 * FrameHeader.Size), bytes.Length);
        var first = FrameHeader.Read(bytes);
        Assert.Equal(new FrameHeader(FrameType.Handshake, FrameFlags.More, 100, 9), first);
        Assert.Equal(new FrameHeader(FrameType.Continuation, FrameFlags.More, 100, 9), FrameHeader.Read(bytes.AsSpan(116)));
        Assert.Equal(new FrameHeader(FrameType.Continuation, FrameFlags.None, 50, 9), FrameHeader.Read(bytes.AsSpan(232)));
        var buffer = new ReadOnlySequence<byte>(bytes);
        using var reader = new FrameReader(settings);
        Assert.True(reader.TryReadFrame(ref buffer, out var frame));
        Assert.Equal(payload, frame.Payload.ToArray());
        Assert.Equal(9, frame.Sequence);
    }

    [Fact]
    public void FrameHeader_IsLittleEndian()
    {
        var bytes = new byte[FrameHeader.Size];
        new FrameHeader(FrameType.Data, FrameFlags.None, 0x01020304, 0x0A0B0C0D0E0F1011).Write(bytes);

        Assert.Equal(new byte[] { 0xC7, 1, 2, 0, 4, 3, 2, 1, 0x11, 0x10, 0x0F, 0x0E, 0x0D, 0x0C, 0x0B, 0x0A }, bytes);
    }

    internal static byte[] Header(FrameType type, FrameFlags flags, uint length, long sequence)
    {
        var bytes = new byte[FrameHeader.Size];
        bytes[0] = FrameHeader.Magic;
        bytes[1] = 1;
        bytes[2] = (byte)type;
        bytes[3] = (byte)flags;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), length);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), sequence);
        return bytes;
    }

    private static Frame Frame((FrameType Type, long Sequence, byte[] Payload) frame) =>
        new(frame.Type, frame.Sequence, new ReadOnlySequence<byte>(frame.Payload));

    private static WireFormatException ReadError(byte[] bytes, WireSettings? settings = null)
    {
        using var reader = new FrameReader(settings ?? new WireSettings());
        var buffer = new ReadOnlySequence<byte>(bytes);
        return Assert.Throws<WireFormatException>(() =>
        {
            while (reader.TryReadFrame(ref buffer, out _))
            {
            }
        });
    }
}
