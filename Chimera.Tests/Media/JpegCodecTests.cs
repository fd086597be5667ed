using System.Buffers;
using Chimera.Media;

namespace Chimera.Tests.Media;

public sealed class JpegCodecTests
{
    [Theory]
    [InlineData(PixelFormat.Gray8)]
    [InlineData(PixelFormat.Rgb24)]
    [InlineData(PixelFormat.Bgr24)]
    [InlineData(PixelFormat.Rgba32)]
    public void Encode_Decode_SmoothPatternAtQuality90_PsnrAtLeast30dB(PixelFormat format)
    {
        using var image = TestImages.Smooth(320, 240, format);

        var jpeg = JpegCodec.Encode(image, 90);
        using var decoded = JpegCodec.Decode(jpeg, format);

        Assert.Equal((0xFF, 0xD8), (jpeg[0], jpeg[1]));
        Assert.Equal((320, 240, format), (decoded.Width, decoded.Height, decoded.Format));
        Assert.True(jpeg.Length < image.Length / 4, $"JPEG is {jpeg.Length} bytes for {image.Length} raw");
        var psnr = TestImages.Psnr(image, decoded);
        Assert.True(psnr >= 30, $"PSNR {psnr:F1} dB < 30 dB");
    }

    [Fact]
    public void Decode_ToOtherFormat_ConvertsColors()
    {
        using var image = TestImages.Smooth(64, 48, PixelFormat.Rgb24);
        using var bgr = JpegCodec.Decode(JpegCodec.Encode(image, 95), PixelFormat.Bgr24);
        using var expected = image.ConvertTo(PixelFormat.Bgr24);

        Assert.True(TestImages.Psnr(expected, bgr) >= 30);
    }

    [Fact]
    public void Encode_ToBufferWriter_AppendsAndReturnsLength()
    {
        using var image = TestImages.Smooth(32, 32, PixelFormat.Rgb24);
        var writer = new ArrayBufferWriter<byte>();
        writer.Write(new byte[] { 1, 2, 3 });

        var written = JpegCodec.Encode(image, 80, writer);

        Assert.Equal(3 + written, writer.WrittenCount);
        Assert.Equal(0xD8, writer.WrittenSpan[4]);
    }

    [Fact]
    public void Decode_Garbage_ThrowsInvalidData()
    {
        var e = Assert.Throws<InvalidDataException>(() => JpegCodec.Decode(new byte[] { 1, 2, 3, 4, 5 }));
        Assert.StartsWith("The JPEG could not be decoded", e.Message);
    }

    [Fact]
    public void Encode_FromManyThreads_IsThreadSafe()
    {
        using var image = TestImages.Smooth(64, 64, PixelFormat.Rgb24);
        var reference = JpegCodec.Encode(image, 90);

        Parallel.For(0, 64, _ => Assert.Equal(reference, JpegCodec.Encode(image, 90)));
    }

    [Fact]
    public void Load_MissingLibrary_SaysToInstallLibturbojpeg0()
    {
        var e = Assert.Throws<DllNotFoundException>(() => TurboJpegLibrary.Load(["libturbojpeg-does-not-exist.so.9"]));

        Assert.Contains("libturbojpeg-does-not-exist.so.9", e.Message);
        Assert.Contains("apt-get install libturbojpeg0", e.Message);
    }

    [Fact]
    public void EnsureAvailable_LibraryInstalled_DoesNotThrow()
    {
        JpegCodec.EnsureAvailable();
        Assert.True(JpegCodec.IsAvailable);
    }
}
