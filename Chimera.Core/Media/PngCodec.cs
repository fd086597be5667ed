using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Chimera.Media;

/// <summary>
/// Lossless PNG writing and reading for 8-bit gray, RGB and RGBA images, built on the BCL's
/// <see cref="ZLibStream"/> (no native library needed).
/// </summary>
/// <remarks>Writing uses filter type 0 (none) on every row, which is fast and what a recorder wants; reading accepts
/// all five filter types, so files from other tools load too. Palette, 16-bit and interlaced files are rejected with a
/// clear message.</remarks>
public static class PngCodec
{
    /// <summary>The eight bytes every PNG starts with.</summary>
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes <paramref name="image"/> as PNG file bytes.</summary>
    public static byte[] Encode(ImageFrame image, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var stream = new MemoryStream();
        Encode(image, stream, level);
        return stream.ToArray();
    }

    /// <summary>Writes <paramref name="image"/> as PNG to <paramref name="output"/>.</summary>
    /// <remarks><see cref="PixelFormat.Bgr24"/> is stored as RGB (PNG has no BGR); decoding returns <see cref="PixelFormat.Rgb24"/>.</remarks>
    public static void Encode(ImageFrame image, Stream output, CompressionLevel level = CompressionLevel.Fastest)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(output);

        output.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], image.Height);
        header[8] = 8;
        header[9] = ColorType(image.Format);
        header[10] = header[11] = header[12] = 0;
        WriteChunk(output, "IHDR"u8, header);

        using (var idat = new MemoryStream())
        {
            using (var zlib = new ZLibStream(idat, level, leaveOpen: true))
            {
                var rowLength = image.Stride;
                var row = ArrayPool<byte>.Shared.Rent(rowLength + 1);
                try
                {
                    row[0] = 0;
                    for (var y = 0; y < image.Height; y++)
                    {
                        var target = row.AsSpan(1, rowLength);
                        if (image.Format == PixelFormat.Bgr24)
                        {
                            PixelConversion.Convert(image.Row(y), PixelFormat.Bgr24, target, PixelFormat.Rgb24, image.Width);
                        }
                        else
                        {
                            image.Row(y).CopyTo(target);
                        }

                        zlib.Write(row, 0, rowLength + 1);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(row);
                }
            }

            WriteChunk(output, "IDAT"u8, idat.GetBuffer().AsSpan(0, (int)idat.Length));
        }

        WriteChunk(output, "IEND"u8, []);
    }

    /// <summary>Decodes PNG bytes into a frame of the file's own format (gray → <see cref="PixelFormat.Gray8"/>, RGB → <see cref="PixelFormat.Rgb24"/>, RGBA → <see cref="PixelFormat.Rgba32"/>).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a PNG this codec reads; the message says why.</exception>
    public static ImageFrame Decode(ReadOnlySpan<byte> png)
    {
        if (png.Length < Signature.Length || !png[..Signature.Length].SequenceEqual(Signature))
        {
            throw new InvalidDataException(MediaMessages.PngInvalid("the PNG signature is missing"));
        }

        var position = Signature.Length;
        int width = 0, height = 0;
        PixelFormat? format = null;
        using var idat = new MemoryStream();
        var ended = false;
        while (!ended)
        {
            if (png.Length - position < 12)
            {
                throw new InvalidDataException(MediaMessages.PngInvalid("the file ends before its IEND chunk"));
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(png[position..]);
            if (length > (uint)(png.Length - position - 12))
            {
                throw new InvalidDataException(MediaMessages.PngInvalid($"a chunk claims {length} bytes but only {png.Length - position - 12} remain"));
            }

            var type = png.Slice(position + 4, 4);
            var data = png.Slice(position + 8, (int)length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png[(position + 8 + (int)length)..]);
            if (Crc32.Compute(png.Slice(position + 4, 4 + (int)length)) != crc)
            {
                throw new InvalidDataException(MediaMessages.PngInvalid($"the CRC of chunk '{System.Text.Encoding.ASCII.GetString(type)}' does not match"));
            }

            position += 12 + (int)length;
            if (type.SequenceEqual("IHDR"u8))
            {
                (width, height, format) = ReadHeader(data);
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                if (format is null)
                {
                    throw new InvalidDataException(MediaMessages.PngInvalid("IDAT comes before IHDR"));
                }

                idat.Write(data);
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                ended = true;
            }
            else if ((type[0] & 0x20) == 0)
            {
                throw new InvalidDataException(MediaMessages.PngInvalid($"the critical chunk '{System.Text.Encoding.ASCII.GetString(type)}' is not supported (palette images are not)"));
            }
        }

        if (format is not { } pixelFormat)
        {
            throw new InvalidDataException(MediaMessages.PngInvalid("there is no IHDR chunk"));
        }

        idat.Position = 0;
        return Inflate(idat, width, height, pixelFormat);
    }

    /// <summary>Decodes PNG bytes and converts them to <paramref name="format"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a PNG this codec reads.</exception>
    public static ImageFrame Decode(ReadOnlySpan<byte> png, PixelFormat format)
    {
        var frame = Decode(png);
        if (frame.Format == format)
        {
            return frame;
        }

        using (frame)
        {
            return frame.ConvertTo(format);
        }
    }

    /// <summary>The PNG color type of a format: 0 gray, 2 truecolor, 6 truecolor with alpha.</summary>
    private static byte ColorType(PixelFormat format) => format switch
    {
        PixelFormat.Gray8 => 0,
        PixelFormat.Rgba32 => 6,
        _ => 2,
    };

    /// <summary>Validates IHDR and returns the size and pixel format.</summary>
    private static (int Width, int Height, PixelFormat Format) ReadHeader(ReadOnlySpan<byte> data)
    {
        if (data.Length != 13)
        {
            throw new InvalidDataException(MediaMessages.PngInvalid("IHDR is not 13 bytes"));
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(data);
        var height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
        if (width < 1 || height < 1)
        {
            throw new InvalidDataException(MediaMessages.PngInvalid($"its size {width}x{height} is invalid"));
        }

        if (data[8] != 8)
        {
            throw new InvalidDataException(MediaMessages.PngInvalid($"bit depth {data[8]} is not supported (only 8)"));
        }

        PixelFormat format = data[9] switch
        {
            0 => PixelFormat.Gray8,
            2 => PixelFormat.Rgb24,
            6 => PixelFormat.Rgba32,
            _ => throw new InvalidDataException(MediaMessages.PngInvalid($"color type {data[9]} is not supported (only gray, RGB and RGBA)")),
        };

        if (data[10] != 0 || data[11] != 0 || data[12] != 0)
        {
            throw new InvalidDataException(MediaMessages.PngInvalid("interlaced or non-standard compression/filter methods are not supported"));
        }

        if ((long)width * height * format.BytesPerPixel() > Array.MaxLength - height)
        {
            throw new InvalidDataException(MediaMessages.PngInvalid($"its size {width}x{height} is too large"));
        }

        return (width, height, format);
    }

    /// <summary>Inflates the image data and undoes the row filters.</summary>
    private static ImageFrame Inflate(Stream idat, int width, int height, PixelFormat format)
    {
        var bpp = format.BytesPerPixel();
        var rowLength = width * bpp;
        var expected = height * (rowLength + 1);
        var raw = ArrayPool<byte>.Shared.Rent(expected);
        try
        {
            int read;
            try
            {
                using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
                read = zlib.ReadAtLeast(raw.AsSpan(0, expected), expected, throwOnEndOfStream: false);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException(MediaMessages.PngInvalid("its compressed data is corrupt: " + e.Message), e);
            }

            if (read < expected)
            {
                throw new InvalidDataException(MediaMessages.PngInvalid($"the image data has {read} bytes, {expected} expected"));
            }

            var frame = ImageFrame.Uninitialized(width, height, format);
            try
            {
                var previous = Span<byte>.Empty;
                for (var y = 0; y < height; y++)
                {
                    var source = raw.AsSpan(y * (rowLength + 1), rowLength + 1);
                    var row = frame.Row(y);
                    source[1..].CopyTo(row);
                    Unfilter(source[0], row, previous, bpp);
                    previous = row;
                }
            }
            catch
            {
                frame.Dispose();
                throw;
            }

            return frame;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>Reverses one row's filter in place; <paramref name="previous"/> is empty for the first row.</summary>
    private static void Unfilter(byte filter, Span<byte> row, ReadOnlySpan<byte> previous, int bpp)
    {
        switch (filter)
        {
            case 0:
                return;
            case 1:
                for (var i = bpp; i < row.Length; i++)
                {
                    row[i] += row[i - bpp];
                }

                return;
            case 2:
                if (!previous.IsEmpty)
                {
                    for (var i = 0; i < row.Length; i++)
                    {
                        row[i] += previous[i];
                    }
                }

                return;
            case 3:
                for (var i = 0; i < row.Length; i++)
                {
                    var left = i >= bpp ? row[i - bpp] : 0;
                    var up = previous.IsEmpty ? 0 : previous[i];
                    row[i] += (byte)((left + up) >> 1);
                }

                return;
            case 4:
                for (var i = 0; i < row.Length; i++)
                {
                    var left = i >= bpp ? row[i - bpp] : 0;
                    var up = previous.IsEmpty ? 0 : previous[i];
                    var upLeft = i >= bpp && !previous.IsEmpty ? previous[i - bpp] : 0;
                    row[i] += Paeth(left, up, upLeft);
                }

                return;
            default:
                throw new InvalidDataException(MediaMessages.PngInvalid($"filter type {filter} is not one of 0-4"));
        }
    }

    /// <summary>The Paeth predictor from the PNG specification.</summary>
    private static byte Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
    }

    /// <summary>Writes one chunk: length, type, data, CRC of type and data.</summary>
    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Finish(Crc32.Append(Crc32.Append(Crc32.Start, type), data)));
        output.Write(word);
    }
}
