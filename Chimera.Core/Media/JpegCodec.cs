using System.Buffers;
using System.Runtime.InteropServices;

namespace Chimera.Media;

/// <summary>
/// JPEG encoding and decoding through libjpeg-turbo's TurboJPEG API (Debian package <c>libturbojpeg0</c>).
/// Thread-safe: every call uses its own TurboJPEG handle from a pool.
/// </summary>
/// <remarks>Color images are encoded with 4:2:0 chroma subsampling (what cameras and browsers use), gray images as
/// single-channel JPEG. Alpha is not stored: an <see cref="PixelFormat.Rgba32"/> image decodes with alpha 255.</remarks>
public static class JpegCodec
{
    /// <summary>The quality used when none is given (ChimeraPy's default as well).</summary>
    public const int DefaultQuality = 90;

    /// <summary>The largest width or height accepted when decoding, which is also JPEG's own limit.</summary>
    public const int MaxDimension = 65_500;

    /// <summary>TJPF_RGB, TJPF_BGR, TJPF_GRAY and TJPF_RGBA in turbojpeg.h.</summary>
    private const int TjpfRgb = 0, TjpfBgr = 1, TjpfGray = 6, TjpfRgba = 7;

    /// <summary>TJSAMP_420 and TJSAMP_GRAY in turbojpeg.h.</summary>
    private const int TjSamp420 = 2, TjSampGray = 3;

    /// <summary>Whether libturbojpeg can be loaded on this machine.</summary>
    public static bool IsAvailable => TurboJpegLibrary.IsAvailable;

    /// <summary>Fails when libturbojpeg is missing, so a node or worker can refuse to start instead of failing on the first frame.</summary>
    /// <exception cref="DllNotFoundException">The library is missing; the message says to install the Debian package libturbojpeg0.</exception>
    public static void EnsureAvailable() => _ = TurboJpegLibrary.Shared;

    /// <summary>Encodes <paramref name="image"/> as a JPEG file's bytes.</summary>
    /// <param name="image">The image to encode.</param>
    /// <param name="quality">1 (smallest) to 100 (best); defaults to <see cref="DefaultQuality"/>.</param>
    public static byte[] Encode(ImageFrame image, int quality = DefaultQuality)
    {
        var writer = new ArrayBufferWriter<byte>();
        Encode(image, quality, writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes <paramref name="image"/> and appends the JPEG bytes to <paramref name="output"/>.</summary>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="DllNotFoundException">libturbojpeg is missing.</exception>
    /// <exception cref="InvalidOperationException">TurboJPEG reported an error (its message is included).</exception>
    public static int Encode(ImageFrame image, int quality, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);

        var library = TurboJpegLibrary.Shared;
        var handle = library.RentCompressor();
        var jpeg = IntPtr.Zero;
        nuint size = 0;
        try
        {
            var pixels = image.Pixels;
            var subsampling = image.Format == PixelFormat.Gray8 ? TjSampGray : TjSamp420;
            var result = library.Compress2(
                handle, ref MemoryMarshal.GetReference(pixels), image.Width, image.Stride, image.Height, TurboFormat(image.Format),
                ref jpeg, ref size, subsampling, quality, 0);
            if (result != 0)
            {
                throw new InvalidOperationException(MediaMessages.JpegEncodeFailed(image, library.ErrorOf(handle)));
            }

            var length = checked((int)size);
            var memory = output.GetMemory(length);
            if (MemoryMarshal.TryGetArray<byte>(memory, out var segment))
            {
                Marshal.Copy(jpeg, segment.Array!, segment.Offset, length);
            }
            else
            {
                CopyNative(jpeg, memory.Span[..length]);
            }

            output.Advance(length);
            return length;
        }
        finally
        {
            if (jpeg != IntPtr.Zero)
            {
                library.Free(jpeg);
            }

            library.ReturnCompressor(handle);
        }
    }

    /// <summary>Decodes JPEG bytes into a new frame of <paramref name="format"/> (TurboJPEG converts the colors).</summary>
    /// <exception cref="DllNotFoundException">libturbojpeg is missing.</exception>
    /// <exception cref="InvalidDataException">The bytes are not a valid JPEG, or its size is beyond <see cref="MaxDimension"/>.</exception>
    public static ImageFrame Decode(ReadOnlySpan<byte> jpeg, PixelFormat format = PixelFormat.Rgb24)
    {
        if (!PixelFormats.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, MediaMessages.UnknownPixelFormat(format));
        }

        if (jpeg.IsEmpty)
        {
            throw new InvalidDataException(MediaMessages.JpegDecodeFailed("the input is empty"));
        }

        var library = TurboJpegLibrary.Shared;
        var handle = library.RentDecompressor();
        try
        {
            ref var source = ref MemoryMarshal.GetReference(jpeg);
            if (library.DecompressHeader3(handle, ref source, (nuint)jpeg.Length, out var width, out var height, out _, out _) != 0)
            {
                throw new InvalidDataException(MediaMessages.JpegDecodeFailed(library.ErrorOf(handle)));
            }

            if (width < 1 || height < 1 || width > MaxDimension || height > MaxDimension)
            {
                throw new InvalidDataException(MediaMessages.JpegDecodeFailed($"its size {width}x{height} is outside 1..{MaxDimension}"));
            }

            var frame = ImageFrame.Uninitialized(width, height, format);
            var pixels = frame.Pixels;
            if (library.Decompress2(handle, ref source, (nuint)jpeg.Length, ref MemoryMarshal.GetReference(pixels), width, frame.Stride, height, TurboFormat(format), 0) != 0)
            {
                var error = library.ErrorOf(handle);
                frame.Dispose();
                throw new InvalidDataException(MediaMessages.JpegDecodeFailed(error));
            }

            return frame;
        }
        finally
        {
            library.ReturnDecompressor(handle);
        }
    }

    /// <summary>The TurboJPEG pixel format constant for a Chimera format.</summary>
    private static int TurboFormat(PixelFormat format) => format switch
    {
        PixelFormat.Gray8 => TjpfGray,
        PixelFormat.Rgb24 => TjpfRgb,
        PixelFormat.Bgr24 => TjpfBgr,
        PixelFormat.Rgba32 => TjpfRgba,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, MediaMessages.UnknownPixelFormat(format)),
    };

    /// <summary>Copies native bytes into a span that has no array behind it, in chunks (Marshal.Copy needs an array; Core has no unsafe code).</summary>
    private static void CopyNative(IntPtr source, Span<byte> destination)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(Math.Min(destination.Length, 1 << 16));
        try
        {
            for (var offset = 0; offset < destination.Length;)
            {
                var count = Math.Min(chunk.Length, destination.Length - offset);
                Marshal.Copy(source + offset, chunk, 0, count);
                chunk.AsSpan(0, count).CopyTo(destination[offset..]);
                offset += count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
