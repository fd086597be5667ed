using System.Buffers.Binary;
using System.IO.Compression;
using Chimera.Media;

namespace Chimera.Tests.Media;

public sealed class PngCodecTests
{
    [Theory]
    [InlineData(PixelFormat.Gray8)]
    [InlineData(PixelFormat.Rgb24)]
    [InlineData(PixelFormat.Rgba32)]
    public void Encode_Decode_RoundTripsExactly(PixelFormat format)
    {
        using var image = TestImages.Noise(37, 23, format);

        using var decoded = PngCodec.Decode(PngCodec.Encode(image));

        Assert.Equal((37, 23, format), (decoded.Width, decoded.Height, decoded.Format));
        Assert.True(image.Pixels.SequenceEqual(decoded.Pixels));
    }

    [Fact]
    public void Encode_Bgr_DecodesAsRgbAndBackToBgrExactly()
    {
        using var image = TestImages.Noise(16, 9, PixelFormat.Bgr24);
        var png = PngCodec.Encode(image);

        using var rgb = PngCodec.Decode(png);
        using var bgr = PngCodec.Decode(png, PixelFormat.Bgr24);

        Assert.Equal(PixelFormat.Rgb24, rgb.Format);
        Assert.True(image.Pixels.SequenceEqual(bgr.Pixels));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Decode_EachFilterType_Unfilters(byte filter)
    {
        using var image = TestImages.Noise(11, 7, PixelFormat.Rgb24, seed: filter);

        using var decoded = PngCodec.Decode(WriteFiltered(image, filter));

        Assert.True(image.Pixels.SequenceEqual(decoded.Pixels));
    }

    [Fact]
    public void Decode_CorruptCrc_Throws()
    {
        using var image = TestImages.Noise(4, 4, PixelFormat.Gray8);
        var png = PngCodec.Encode(image);
        png[20] ^= 0xFF;

        var e = Assert.Throws<InvalidDataException>(() => PngCodec.Decode(png));
        Assert.Contains("CRC", e.Message);
    }

    [Fact]
    public void Decode_NotPng_Throws()
    {
        var e = Assert.Throws<InvalidDataException>(() => PngCodec.Decode(new byte[] { 1, 2, 3 }));
        Assert.Equal("The PNG could not be read: the PNG signature is missing.", e.Message);
    }

    [Fact]
    public void Crc32_KnownVector()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    /// <summary>Writes a PNG whose rows use the given filter, the way other encoders do.</summary>
    private static byte[] WriteFiltered(ImageFrame image, byte filter)
    {
        var bpp = image.BytesPerPixel;
        var raw = new MemoryStream();
        var previous = new byte[image.Stride];
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Row(y).ToArray();
            var filtered = new byte[row.Length];
            for (var i = 0; i < row.Length; i++)
            {
                int left = i >= bpp ? row[i - bpp] : 0, up = y > 0 ? previous[i] : 0, upLeft = i >= bpp && y > 0 ? previous[i - bpp] : 0;
                var predictor = filter switch
                {
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    _ => Paeth(left, up, upLeft),
                };
                filtered[i] = (byte)(row[i] - predictor);
            }

            raw.WriteByte(filter);
            raw.Write(filtered);
            previous = row;
        }

        var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw.ToArray());
        }

        // Reuse the codec's own header and IEND by re-chunking its output with our IDAT.
        var original = PngCodec.Encode(image);
        var output = new MemoryStream();
        output.Write(original, 0, 8 + 25);
        var chunk = new byte[12 + idat.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, (int)idat.Length);
        "IDAT"u8.CopyTo(chunk.AsSpan(4));
        idat.ToArray().CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + (int)idat.Length), Crc32.Compute(chunk.AsSpan(4, 4 + (int)idat.Length)));
        output.Write(chunk);
        output.Write(original, original.Length - 12, 12);
        return output.ToArray();
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
