using System.Buffers;
using Chimera.Wire;

namespace Chimera.Tests.Wire;

/// <summary>Helpers shared by the wire tests: encode through the real frame writer, read back through the real frame reader.</summary>
internal static class WireTestKit
{
    public static readonly DateTimeOffset Received = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public static byte[] WriteData(DataChunk chunk, WireSettings? settings = null, long sequence = 7)
    {
        settings ??= new WireSettings();
        using var writer = new FrameWriter(new DataChunkCodec(settings, new ValueCodecRegistry(settings)));
        var output = new ArrayBufferWriter<byte>();
        writer.WriteData(output, sequence, chunk);
        return output.WrittenSpan.ToArray();
    }

    public static DataChunk RoundTrip(DataChunk chunk, WireSettings? settings = null, int segmentSize = 0)
    {
        settings ??= new WireSettings();
        var bytes = WriteData(chunk, settings);
        var buffer = segmentSize > 0 ? Segmented(bytes, segmentSize) : new ReadOnlySequence<byte>(bytes);
        using var reader = new FrameReader(settings);
        Assert.True(reader.TryReadFrame(ref buffer, out var frame));
        Assert.Equal(FrameType.Data, frame.Type);
        Assert.Equal(7, frame.Sequence);
        var decoded = new DataChunkCodec(settings, new ValueCodecRegistry(settings)).Decode(frame.Payload, Received);
        Assert.True(buffer.IsEmpty);
        return decoded;
    }

    public static object? RoundTripValue(object? value, WireSettings? settings = null) =>
        RoundTrip(new DataChunk().Add("v", value), settings).Records["v"].Value;

    /// <summary>Splits bytes into a multi-segment sequence, so the multi-segment code paths run too.</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] bytes, int segmentSize)
    {
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        Segment? first = null;
        Segment? last = null;
        for (var offset = 0; offset < bytes.Length; offset += segmentSize)
        {
            var memory = bytes.AsMemory(offset, Math.Min(segmentSize, bytes.Length - offset));
            if (first is null)
            {
                first = last = new Segment(memory, 0);
            }
            else
            {
                last = last!.Append(memory);
            }
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
