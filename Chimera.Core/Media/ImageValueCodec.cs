using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Chimera.Wire;

namespace Chimera.Media;

/// <summary>
/// The wire codec (tag 40) for <see cref="ImageFrame"/> values: JPEG by default, or PNG or raw pixels as the record's
/// options say (<c>codec=jpeg|png|raw</c>, <c>quality=1..100</c>, default 90), as ChimeraPy compresses images by default.
/// </summary>
/// <remarks>
/// Payload: codec byte (0 raw, 1 jpeg, 2 png), pixel-format byte, width and height as little-endian int32, then the
/// data. The receiver gets the sender's pixel format back (JPEG drops alpha; PNG stores BGR as RGB and the codec swaps
/// back). Payloads are untrusted: sizes are capped and every malformation throws <see cref="WireFormatException"/>.
/// </remarks>
internal sealed class ImageValueCodec : IValueCodec, IPlacedDecoder
{
    /// <summary>The wire tag reserved for images.</summary>
    public const byte ImageTag = 40;

    /// <summary>The record option that picks the compression.</summary>
    public const string CodecOption = "codec";

    /// <summary>The record option that sets JPEG quality.</summary>
    public const string QualityOption = "quality";

    /// <summary>The largest decoded frame accepted from the wire: 256 MiB, above 8K RGBA (about 133 MB).</summary>
    public const int MaxPixelBytes = 256 * 1024 * 1024;

    /// <summary>The fixed header length: codec, format, width, height.</summary>
    private const int HeaderLength = 10;

    /// <inheritdoc />
    public byte Tag => ImageTag;

    /// <summary>Fails at start when JPEG (the default) cannot work here, instead of on the first frame to cross a process.</summary>
    /// <exception cref="DllNotFoundException">libturbojpeg is missing; the message says to install libturbojpeg0.</exception>
    public static void EnsureAvailable() => JpegCodec.EnsureAvailable();

    /// <inheritdoc />
    public bool CanEncode(DataRecord record) => record?.Value is ImageFrame;

    /// <inheritdoc />
    public void Encode(DataRecord record, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(output);
        var image = record.Value as ImageFrame
            ?? throw new ArgumentException(MediaMessages.NotAnImage(record.Name, record.Value), nameof(record));
        var (codec, quality) = ReadOptions(record);

        var header = output.GetSpan(HeaderLength);
        header[0] = (byte)codec;
        header[1] = (byte)image.Format;
        BinaryPrimitives.WriteInt32LittleEndian(header[2..], image.Width);
        BinaryPrimitives.WriteInt32LittleEndian(header[6..], image.Height);
        output.Advance(HeaderLength);

        switch (codec)
        {
            case ImageCompression.Raw:
                // Large pixels are referenced, not copied, and stream from the frame into the transport: the frame stays
                // untouched while downstream nodes hold it, as every published frame must.
                if (output is not PooledBufferWriter pooled || !pooled.TryAppendExternal(image.Memory))
                {
                    output.Write(image.Pixels);
                }

                break;
            case ImageCompression.Png:
                output.Write(PngCodec.Encode(image));
                break;
            default:
                JpegCodec.Encode(image, quality, output);
                break;
        }
    }

    /// <inheritdoc />
    public object? Decode(ReadOnlySequence<byte> payload, DataRecord record)
    {
        var name = record?.Name ?? "?";
        var bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        if (bytes.Length < HeaderLength)
        {
            throw new WireFormatException(MediaMessages.ImagePayloadInvalid(name, $"it has {bytes.Length} bytes, fewer than the {HeaderLength}-byte header"));
        }

        var (codec, format, width, height, problem) = ReadHeader(bytes);
        if (problem is not null)
        {
            throw new WireFormatException(MediaMessages.ImagePayloadInvalid(name, problem));
        }

        var data = bytes[HeaderLength..];
        try
        {
            var frame = codec switch
            {
                ImageCompression.Raw => ImageFrame.FromPixels(data, width, height, format),
                ImageCompression.Jpeg => JpegCodec.Decode(data, format),
                ImageCompression.Png => PngCodec.Decode(data, format),
                _ => throw new WireFormatException(MediaMessages.ImagePayloadInvalid(name, $"codec byte {bytes[0]} is unknown")),
            };

            if (frame.Width != width || frame.Height != height)
            {
                var actual = $"{frame.Width}x{frame.Height}";
                frame.Dispose();
                throw new WireFormatException(MediaMessages.ImagePayloadInvalid(name, $"the header says {width}x{height} but the image is {actual}"));
            }

            return frame;
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            throw new WireFormatException(MediaMessages.ImagePayloadInvalid(name, e.Message), e);
        }
    }

    /// <summary>
    /// A raw frame is received in place: its header comes with the message's head, and its pixels go straight into the
    /// pooled buffer of the frame the record will hold (a sink that disposes frames gives the buffer back for the next).
    /// Compressed frames, and any header that decoding would reject, are decoded whole.
    /// </summary>
    public bool TryAllocate(ReadOnlySequence<byte> head, int payloadLength, [NotNullWhen(true)] out PlacedValue? placed)
    {
        placed = null;
        if (head.Length < HeaderLength)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[HeaderLength];
        head.Slice(0, HeaderLength).CopyTo(bytes);
        var (codec, format, width, height, problem) = ReadHeader(bytes);
        if (problem is not null || codec != ImageCompression.Raw
            || (long)width * height * format.BytesPerPixel() != (long)payloadLength - HeaderLength)
        {
            return false;
        }

        var frame = ImageFrame.Uninitialized(width, height, format);
        placed = new PlacedValue(frame, frame.Buffer, frame.Length, HeaderLength);
        return true;
    }

    /// <inheritdoc />
    public object Complete(PlacedValue placed) => placed.Value;

    /// <summary>
    /// Reads the payload's header (at least <see cref="HeaderLength"/> bytes): its compression, pixel format and size,
    /// and what is wrong with them (an unknown format, a size outside 1..<see cref="MaxPixelBytes"/>), or
    /// <see langword="null"/>.
    /// </summary>
    private static (ImageCompression Codec, PixelFormat Format, int Width, int Height, string? Problem) ReadHeader(ReadOnlySpan<byte> bytes)
    {
        var codec = (ImageCompression)bytes[0];
        var format = (PixelFormat)bytes[1];
        var width = BinaryPrimitives.ReadInt32LittleEndian(bytes[2..]);
        var height = BinaryPrimitives.ReadInt32LittleEndian(bytes[6..]);
        var problem = !PixelFormats.IsDefined(format)
            ? $"pixel format {bytes[1]} is unknown"
            : width < 1 || height < 1 || (long)width * height * format.BytesPerPixel() > MaxPixelBytes
                ? $"its size {width}x{height} {format} is outside 1..{MaxPixelBytes} bytes"
                : null;
        return (codec, format, width, height, problem);
    }

    /// <summary>Reads <c>codec</c> and <c>quality</c> from the record's options, rejecting values that are not understood.</summary>
    internal static (ImageCompression Codec, int Quality) ReadOptions(DataRecord record)
    {
        var codec = ImageCompression.Jpeg;
        var quality = JpegCodec.DefaultQuality;
        if (record.Options is null)
        {
            return (codec, quality);
        }

        if (record.Options.TryGetValue(CodecOption, out var codecText))
        {
            codec = codecText.Trim().ToLowerInvariant() switch
            {
                "jpeg" or "jpg" => ImageCompression.Jpeg,
                "png" => ImageCompression.Png,
                "raw" => ImageCompression.Raw,
                _ => throw new ArgumentException(MediaMessages.BadCodecOption(record.Name, codecText), nameof(record)),
            };
        }

        if (record.Options.TryGetValue(QualityOption, out var qualityText)
            && (!int.TryParse(qualityText, NumberStyles.Integer, CultureInfo.InvariantCulture, out quality) || quality is < 1 or > 100))
        {
            throw new ArgumentException(MediaMessages.BadQualityOption(record.Name, qualityText), nameof(record));
        }

        return (codec, quality);
    }
}
