using System.Buffers;
using Chimera.Media;
using Chimera.Wire;

namespace Chimera.Tests.Media;

public sealed class ImageValueCodecTests
{
    private readonly ImageValueCodec _codec = new();

    [Theory]
    [InlineData("raw", PixelFormat.Bgr24)]
    [InlineData("png", PixelFormat.Bgr24)]
    [InlineData("png", PixelFormat.Rgba32)]
    public void RoundTrip_Lossless_IsExact(string codec, PixelFormat format)
    {
        using var image = TestImages.Noise(19, 11, format);
        var record = new DataRecord("frame", image, ContentType.Image, DateTimeOffset.UtcNow, new Dictionary<string, string> { ["codec"] = codec });

        using var decoded = (ImageFrame)RoundTrip(record)!;

        Assert.Equal(format, decoded.Format);
        Assert.True(image.Pixels.SequenceEqual(decoded.Pixels));
    }

    [Fact]
    public void RoundTrip_DefaultIsJpeg_WithinPsnr()
    {
        using var image = TestImages.Smooth(160, 120, PixelFormat.Rgb24);
        var record = new DataRecord("frame", image, ContentType.Image, DateTimeOffset.UtcNow);
        var writer = new ArrayBufferWriter<byte>();

        _codec.Encode(record, writer);
        using var decoded = (ImageFrame)_codec.Decode(new ReadOnlySequence<byte>(writer.WrittenMemory), record with { Value = null })!;

        Assert.Equal(40, _codec.Tag);
        Assert.Equal(1, writer.WrittenSpan[0]);
        Assert.True(writer.WrittenCount < image.Length / 4);
        Assert.True(TestImages.Psnr(image, decoded) >= 30);
    }

    [Fact]
    public void Encode_BadQuality_NamesRecord()
    {
        using var image = TestImages.Smooth(8, 8, PixelFormat.Rgb24);
        var record = new DataRecord("cam", image, ContentType.Image, DateTimeOffset.UtcNow, new Dictionary<string, string> { ["quality"] = "150" });

        var e = Assert.Throws<ArgumentException>(() => _codec.Encode(record, new ArrayBufferWriter<byte>()));
        Assert.StartsWith("Record 'cam' has quality=150; expected an integer from 1 to 100 (default 90).", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2 })]
    [InlineData(new byte[] { 0, 9, 1, 0, 0, 0, 1, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0, 0, 255, 255, 0, 0, 255, 255, 0, 0 })]
    [InlineData(new byte[] { 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 1 })]
    [InlineData(new byte[] { 1, 0, 2, 0, 0, 0, 2, 0, 0, 0, 1, 2, 3 })]
    [InlineData(new byte[] { 7, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1 })]
    public void Decode_Malformed_ThrowsWireFormat(byte[] payload)
    {
        var record = new DataRecord("frame", null, ContentType.Image, DateTimeOffset.UtcNow);

        var e = Assert.Throws<WireFormatException>(() => _codec.Decode(new ReadOnlySequence<byte>(payload), record));
        Assert.StartsWith("The image payload of record 'frame' is malformed", e.Message);
    }

    private object? RoundTrip(DataRecord record)
    {
        var writer = new ArrayBufferWriter<byte>();
        Assert.True(_codec.CanEncode(record));
        _codec.Encode(record, writer);
        return _codec.Decode(new ReadOnlySequence<byte>(writer.WrittenMemory), record with { Value = null });
    }
}
