using System.Buffers;
using Chimera.Wire;

namespace Chimera.Tests.Wire;

/// <summary>
/// A message whose last value is received in place is consumed as its bytes arrive, not once each frame is whole, and
/// the frame reader offers the rest of each frame (<see cref="FrameReader.DirectTarget"/>) for a transport to receive
/// straight into the value; the result is the same value, and other messages are read as before.
/// </summary>
public sealed class DirectReceiveTests
{
    private static readonly WireSettings Settings = new() { MaxFrameSize = 64 * 1024 };

    [Fact]
    public void PlacedMessage_ArrivingInPieces_IsConsumedAsItArrives()
    {
        var blob = RandomBytes(300_000, seed: 1);
        var bytes = WireTestKit.WriteData(new DataChunk().Add("meta", "cam").Add("blob", blob), Settings);
        var transport = new EmulatedTransport(bytes, pieceSize: 1000, directMax: 0);

        var chunks = transport.ReadAll(Settings);

        Assert.Equal(blob, Assert.Single(chunks).Get<byte[]>("blob"));
        Assert.Equal("cam", chunks[0].Get<string>("meta"));

        // Without direct reads every byte comes through the buffer; the reader never waits for a whole 64 KiB frame.
        Assert.Equal(0, transport.DirectBytes);
        Assert.True(transport.MostUnconsumed <= 4096 + 1000, $"at most a head and a piece wait in the buffer, not {transport.MostUnconsumed} bytes");
    }

    [Fact]
    public void DirectTarget_TakesAllButTheLastByteOfEachFrame_AndTheValueIsTheSame()
    {
        var blob = RandomBytes(1_000_000, seed: 2);
        var bytes = WireTestKit.WriteData(new DataChunk().Add("blob", blob), Settings);
        var transport = new EmulatedTransport(bytes, pieceSize: 8192, directMax: 5000);

        var chunks = transport.ReadAll(Settings);

        Assert.Equal(blob, Assert.Single(chunks).Get<byte[]>("blob"));
        var frames = (blob.Length / Settings.MaxFrameSize) + 1;
        Assert.True(transport.DirectBytes > blob.Length * 8 / 10, $"{transport.DirectBytes} of {blob.Length} bytes went straight into the value");
        Assert.True(transport.DirectBytes <= blob.Length - frames, "each frame's last byte arrives through the buffer, so the reader completes the message");
    }

    [Fact]
    public void MessagesAroundAPlacedOne_AreReadWhole_AndNothingIsOfferedForThem()
    {
        var blob = RandomBytes(200_000, seed: 3);
        var text = new string('t', 150_000);
        var bytes = WireTestKit.WriteData(new DataChunk().Add("t", text), Settings)
            .Concat(WireTestKit.WriteData(new DataChunk().Add("b", blob), Settings, sequence: 8))
            .Concat(WireTestKit.WriteData(new DataChunk().Add("small", 5), Settings, sequence: 9))
            .Concat(WireTestKit.WriteData(new DataChunk().Add("t", text), Settings, sequence: 10))
            .ToArray();
        var transport = new EmulatedTransport(bytes, pieceSize: 3000, directMax: 7000);

        var chunks = transport.ReadAll(Settings);

        Assert.Equal(4, chunks.Count);
        Assert.Equal(text, chunks[0].Get<string>("t"));
        Assert.Equal(blob, chunks[1].Get<byte[]>("b"));
        Assert.Equal(5, chunks[2].Get<int>("small"));
        Assert.Equal(text, chunks[3].Get<string>("t"));
        Assert.True(transport.DirectBytes > 0);
        Assert.True(transport.DirectBytes < blob.Length, "only the placed value's bytes are offered");
    }

    [Fact]
    public void ConnectionEndingDuringADirectRead_LeavesTheMessageUnfinished()
    {
        var blob = RandomBytes(200_000, seed: 4);
        var bytes = WireTestKit.WriteData(new DataChunk().Add("b", blob), Settings);
        var transport = new EmulatedTransport(bytes[..100_000], pieceSize: 4096, directMax: 10_000);

        Assert.Empty(transport.ReadAll(Settings));

        Assert.True(transport.DirectBytes > 0);
        Assert.True(transport.Reader!.IsAssembling, "the read loop reports the connection closed mid-frame");
    }

    [Fact]
    public void MoreBytesThanTheValueDeclared_FailInPiecesAsTheyDoWhole()
    {
        var blob = RandomBytes(100_000, seed: 5);
        var codec = new DataChunkCodec(Settings, new ValueCodecRegistry(Settings));
        using var output = new PooledBufferWriter();
        codec.Encode(new DataChunk().Add("b", blob), output);
        var message = output.WrittenMemory.ToArray().Concat(new byte[70_000]).ToArray();
        using var writer = new FrameWriter(codec);
        var framed = new ArrayBufferWriter<byte>();
        writer.WriteFrame(framed, FrameType.Data, 7, message);
        var transport = new EmulatedTransport(framed.WrittenSpan.ToArray(), pieceSize: 2000, directMax: 3000);

        var error = Assert.Throws<WireFormatException>(() => transport.ReadAll(Settings));

        Assert.Contains("but its frames carried at least", error.Message, StringComparison.Ordinal);
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>
    /// Plays a receiving thread: takes the reader's offer when there is one (up to <c>directMax</c> bytes a call),
    /// otherwise appends the next piece to the buffer the reader reads, keeping what it did not consume.
    /// </summary>
    private sealed class EmulatedTransport(byte[] bytes, int pieceSize, int directMax)
    {
        public FrameReader? Reader { get; private set; }

        public long DirectBytes { get; private set; }

        public int MostUnconsumed { get; private set; }

        public List<DataChunk> ReadAll(WireSettings settings)
        {
            var codec = new DataChunkCodec(settings, new ValueCodecRegistry(settings));
            Reader = new FrameReader(settings, codec);
            var chunks = new List<DataChunk>();
            var unconsumed = Array.Empty<byte>();
            var position = 0;
            while (position < bytes.Length)
            {
                var target = directMax > 0 ? Reader.DirectTarget : default;
                if (!target.IsEmpty)
                {
                    Assert.Empty(unconsumed);
                    var count = Math.Min(Math.Min(target.Length, directMax), bytes.Length - position);
                    bytes.AsSpan(position, count).CopyTo(target);
                    Reader.AdvanceDirect(count);
                    position += count;
                    DirectBytes += count;
                    continue;
                }

                var piece = Math.Min(pieceSize, bytes.Length - position);
                var buffer = new ReadOnlySequence<byte>([.. unconsumed, .. bytes.AsSpan(position, piece)]);
                position += piece;
                while (Reader.TryReadFrame(ref buffer, out var frame))
                {
                    chunks.Add(codec.Decode(frame.Payload, placed: frame.Placed));
                }

                unconsumed = buffer.ToArray();
                MostUnconsumed = Math.Max(MostUnconsumed, unconsumed.Length);
            }

            return chunks;
        }
    }
}
