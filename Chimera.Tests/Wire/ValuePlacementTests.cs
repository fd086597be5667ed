using System.Buffers;
using System.Buffers.Binary;
using Chimera.Media;
using Chimera.Wire;

namespace Chimera.Tests.Wire;

/// <summary>
/// A chunked data message whose last record is a numeric array is received straight into that array (the frame's
/// <see cref="Frame.Placed"/>), and decodes to exactly what assembling it whole gives, errors included.
/// </summary>
public sealed class ValuePlacementTests
{
    private static readonly WireSettings Settings = new() { MaxFrameSize = 4096 };

    [Fact]
    public void LargeByteArray_IsReceivedInPlace_AndDecodesToTheSameBytes()
    {
        var blob = new byte[100_000];
        new Random(7).NextBytes(blob);
        var chunk = new DataChunk().Add("meta", "camera 2").Add("blob", blob, new ContentType("depth"), new Dictionary<string, string> { ["w"] = "640" });

        var (frame, decoded) = ReadPlaced(WireTestKit.WriteData(chunk, Settings), segmentSize: 1000);

        var placed = Assert.IsType<byte[]>(frame.Placed?.Value);
        Assert.Same(placed, decoded.Get<byte[]>("blob"));
        Assert.Equal(blob, placed);
        Assert.Equal("camera 2", decoded.Get<string>("meta"));
        Assert.Equal("640", decoded.GetRecord("blob").Options!["w"]);
        Assert.Equal(new ContentType("depth"), decoded.GetRecord("blob").ContentType);
        Assert.True(frame.Payload.Length < 200, $"only the head is assembled, not {frame.Payload.Length} bytes");
        Assert.Equal(frame.Payload.Length + blob.Length, frame.Length);
    }

    [Fact]
    public void DoubleAndBoolArrays_AreReceivedInPlace()
    {
        var samples = Enumerable.Range(0, 5000).Select(i => Math.Sin(i) * 1e6).ToArray();
        var flags = Enumerable.Range(0, 9000).Select(i => i % 3 == 0).ToArray();

        var (sampleFrame, sampleChunk) = ReadPlaced(WireTestKit.WriteData(new DataChunk().Add("s", samples), Settings));
        var (flagFrame, flagChunk) = ReadPlaced(WireTestKit.WriteData(new DataChunk().Add("f", flags), Settings));

        Assert.IsType<double[]>(sampleFrame.Placed?.Value);
        Assert.Equal(samples, sampleChunk.Get<double[]>("s"));
        Assert.IsType<bool[]>(flagFrame.Placed?.Value);
        Assert.Equal(flags, flagChunk.Get<bool[]>("f"));
    }

    [Fact]
    public void LargeValueBeforeTheLastRecord_IsAssembledWhole()
    {
        var blob = Enumerable.Range(0, 20_000).Select(i => (byte)i).ToArray();
        var bytes = WireTestKit.WriteData(new DataChunk().Add("blob", blob).Add("after", 5), Settings);

        var (frame, decoded) = Read(bytes);

        Assert.Null(frame.Placed);
        Assert.Equal(blob, decoded.Get<byte[]>("blob"));
        Assert.Equal(5, decoded.Get<int>("after"));
    }

    [Fact]
    public void LargeStringValue_IsAssembledWhole()
    {
        var text = new string('x', 20_000);

        var (frame, decoded) = Read(WireTestKit.WriteData(new DataChunk().Add("t", text), Settings));

        Assert.Null(frame.Placed);
        Assert.Equal(text, decoded.Get<string>("t"));
    }

    [Fact]
    public void PlacedBoolArray_WithAByteOtherThanZeroOrOne_FailsLikeAWholeDecode()
    {
        var (message, valueStart) = Encoded(new DataChunk().Add("f", new bool[10_000]));
        message[valueStart + 9_000] = 2;

        var placedError = Assert.Throws<WireFormatException>(() => Read(Framed(message)));
        var wholeError = Assert.Throws<WireFormatException>(() => Read(Framed(message), placing: false));

        Assert.Equal(wholeError.Message, placedError.Message);
        Assert.Contains("'f'", placedError.Message, StringComparison.Ordinal);
        Assert.Contains("element 9000 is byte 2", placedError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FramesEndingBeforeTheDeclaredValue_FailNamingBothLengths()
    {
        var (message, valueStart) = Encoded(new DataChunk().Add("b", new byte[10_000]));
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(valueStart - 4), 10_500);

        var error = Assert.Throws<WireFormatException>(() => Read(Framed(message)));

        Assert.Equal("A chunk's last record declared a value of 10500 bytes, but its frames ended after 10000.", error.Message);
    }

    [Fact]
    public void FramesCarryingMoreThanTheDeclaredValue_FailBeforeWritingPastIt()
    {
        var (message, valueStart) = Encoded(new DataChunk().Add("b", new byte[10_000]));
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(valueStart - 4), 9_000);

        var error = Assert.Throws<WireFormatException>(() => Read(Framed(message)));

        Assert.StartsWith("A chunk's last record declared a value of 9000 bytes, but its frames carried at least", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeclaredValueOverTheElementCap_FailsAtTheFirstFrame()
    {
        var settings = new WireSettings { MaxFrameSize = 4096, MaxElementSize = 50_000 };
        var (message, valueStart) = Encoded(new DataChunk().Add("b", new byte[10_000]));
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(valueStart - 4), 49_990);
        var bytes = Framed(message, settings);
        var first = new ReadOnlySequence<byte>(bytes, 0, FrameHeader.Size + 4096);
        using var reader = new FrameReader(settings, NewCodec(settings));

        var error = Assert.Throws<WireFormatException>(() => reader.TryReadFrame(ref first, out _));

        Assert.Contains("exceeds the maximum element size of 50000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReaderKeepsWorking_AfterAPlacedMessage()
    {
        var blob = new byte[30_000];
        new Random(3).NextBytes(blob);
        var bytes = WireTestKit.WriteData(new DataChunk().Add("b", blob), Settings)
            .Concat(WireTestKit.WriteData(new DataChunk().Add("t", new string('y', 9000)), Settings, sequence: 8))
            .Concat(WireTestKit.WriteData(new DataChunk().Add("b", blob), Settings, sequence: 9))
            .ToArray();
        var buffer = WireTestKit.Segmented(bytes, 1500);
        var codec = NewCodec(Settings);
        using var reader = new FrameReader(Settings, codec);
        var decoded = new List<(bool Placed, DataChunk Chunk)>();

        while (reader.TryReadFrame(ref buffer, out var frame))
        {
            decoded.Add((frame.Placed is not null, codec.Decode(frame.Payload, placed: frame.Placed)));
        }

        Assert.Equal([true, false, true], decoded.Select(d => d.Placed));
        Assert.Equal(blob, decoded[0].Chunk.Get<byte[]>("b"));
        Assert.Equal(new string('y', 9000), decoded[1].Chunk.Get<string>("t"));
        Assert.Equal(blob, decoded[2].Chunk.Get<byte[]>("b"));
        Assert.NotSame(decoded[0].Chunk.Get<byte[]>("b"), decoded[2].Chunk.Get<byte[]>("b"));
    }

    [Fact]
    public void RawImage_IsReceivedInPlace_IntoThePooledBufferOfTheFrameItBecomes()
    {
        using var image = PatternImage(64, 48, PixelFormat.Bgr24);
        var chunk = new DataChunk().Add("meta", 3).Add("img", image, ContentType.Image, Raw);

        var (frame, decoded) = ReadPlaced(WireTestKit.WriteData(chunk, Settings), segmentSize: 700);

        var placed = Assert.IsType<ImageFrame>(frame.Placed?.Value);
        Assert.Same(placed, decoded.Get<ImageFrame>("img"));
        Assert.Equal((64, 48, PixelFormat.Bgr24), (placed.Width, placed.Height, placed.Format));
        Assert.Equal(image.Pixels.ToArray(), placed.Pixels.ToArray());
        Assert.Equal(3, decoded.Get<int>("meta"));
        Assert.Equal("raw", decoded.GetRecord("img").Options!["codec"]);
        Assert.True(frame.Payload.Length < 200, $"only the head and the image header are assembled, not {frame.Payload.Length} bytes");
        Assert.Equal(frame.Payload.Length + image.Length, frame.Length);
        placed.Dispose();
    }

    [Fact]
    public void JpegImage_IsDecodedWhole()
    {
        using var image = PatternImage(96, 64, PixelFormat.Rgb24);

        var (frame, decoded) = Read(WireTestKit.WriteData(new DataChunk().Add("img", image), Settings), segmentSize: 700);

        Assert.Null(frame.Placed);
        using var received = decoded.Get<ImageFrame>("img");
        Assert.Equal((96, 64), (received.Width, received.Height));
    }

    [Fact]
    public void RawImage_WhoseSizeDisagreesWithItsPixels_IsNotPlaced_AndFailsAsAWholeDecodeDoes()
    {
        using var image = PatternImage(64, 48, PixelFormat.Rgb24);
        var (message, valueStart) = Encoded(new DataChunk().Add("img", image, ContentType.Image, Raw));

        // Claim 65 columns: 65 × 48 × 3 bytes is not what follows the header.
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(valueStart + 2), 65);
        var placing = Assert.Throws<WireFormatException>(() => Read(Framed(message)));
        var whole = Assert.Throws<WireFormatException>(() => Read(Framed(message), placing: false));

        Assert.Equal(whole.Message, placing.Message);
        Assert.Contains("img", placing.Message, StringComparison.Ordinal);
    }

    private static readonly Dictionary<string, string> Raw = new() { ["codec"] = "raw" };

    private static ImageFrame PatternImage(int width, int height, PixelFormat format)
    {
        var image = new ImageFrame(width, height, format);
        var pixels = image.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i * 7) + (i / 13));
        }

        return image;
    }

    private static DataChunkCodec NewCodec(WireSettings settings) => new(settings, new ValueCodecRegistry(settings));

    /// <summary>The encoded chunk and where its last record's value starts.</summary>
    private static (byte[] Message, int ValueStart) Encoded(DataChunk chunk)
    {
        var codec = NewCodec(Settings);
        using var output = new PooledBufferWriter();
        codec.Encode(chunk, output);
        var message = output.WrittenMemory.ToArray();
        Assert.True(codec.TryPlace(new ReadOnlySequence<byte>(message, 0, 1000), out var placement));
        return (message, placement.PrefixLength - placement.Placed.Skipped);
    }

    /// <summary>A message (possibly tampered with) cut into data frames as the writer cuts them.</summary>
    private static byte[] Framed(byte[] message, WireSettings? settings = null)
    {
        using var writer = new FrameWriter(NewCodec(settings ?? Settings));
        var output = new ArrayBufferWriter<byte>();
        writer.WriteFrame(output, FrameType.Data, 7, message);
        return output.WrittenSpan.ToArray();
    }

    private static (Frame Frame, DataChunk Chunk) ReadPlaced(byte[] bytes, int segmentSize = 0)
    {
        var result = Read(bytes, segmentSize: segmentSize);
        Assert.NotNull(result.Frame.Placed);
        return result;
    }

    private static (Frame Frame, DataChunk Chunk) Read(byte[] bytes, bool placing = true, int segmentSize = 0)
    {
        var codec = NewCodec(Settings);
        var buffer = segmentSize > 0 ? WireTestKit.Segmented(bytes, segmentSize) : new ReadOnlySequence<byte>(bytes);
        using var reader = new FrameReader(Settings, placing ? codec : null);
        Assert.True(reader.TryReadFrame(ref buffer, out var frame));
        Assert.True(buffer.IsEmpty);
        return (frame, codec.Decode(frame.Payload, placed: frame.Placed));
    }
}
