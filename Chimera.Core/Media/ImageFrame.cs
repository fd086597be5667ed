using System.Buffers;

namespace Chimera.Media;

/// <summary>
/// An image whose pixels live in a pooled buffer: <see cref="Width"/> × <see cref="Height"/> pixels of
/// <see cref="Format"/>, rows packed one after the other (<see cref="Stride"/> = width × bytes per pixel).
/// </summary>
/// <remarks>
/// <para>Inside one process a frame passes between nodes by reference; it is compressed (JPEG by default) only when it
/// crosses a process boundary. Treat a published frame as read-only: several downstream nodes may hold it.</para>
/// <para>The buffer is rented from <see cref="ArrayPool{T}.Shared"/>. <see cref="Dispose"/> gives it back, which is
/// worthwhile for high frame rates; a frame that is never disposed is simply collected. A raw frame arriving from
/// another process is received straight into such a buffer, so a sink that disposes the frames it is done with has the
/// next ones received into memory already in use instead of fresh pages.</para>
/// </remarks>
public sealed class ImageFrame : IDisposable
{
    /// <summary>The pooled buffer, or <see langword="null"/> once disposed.</summary>
    private byte[]? _buffer;

    /// <summary>Registers images as <see cref="ContentType.Image"/> before the first frame can exist, so inference always sees it.</summary>
    static ImageFrame() => MediaContentTypes.Register();

    /// <summary>Creates a black (all-zero) frame.</summary>
    /// <param name="width">Width in pixels, at least 1.</param>
    /// <param name="height">Height in pixels, at least 1.</param>
    /// <param name="format">The pixel layout.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or the frame would exceed the largest array .NET allows.</exception>
    public ImageFrame(int width, int height, PixelFormat format)
        : this(width, height, format, clear: true)
    {
    }

    /// <summary>Creates a frame; <paramref name="clear"/> zeroes the rented buffer, which may hold an earlier frame's pixels.</summary>
    private ImageFrame(int width, int height, PixelFormat format, bool clear)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (!PixelFormats.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, MediaMessages.UnknownPixelFormat(format));
        }

        var length = (long)width * height * format.BytesPerPixel();
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(width), MediaMessages.FrameTooLarge(width, height, format));
        }

        Width = width;
        Height = height;
        Format = format;
        Length = (int)length;
        _buffer = ArrayPool<byte>.Shared.Rent(Length);
        if (clear)
        {
            Array.Clear(_buffer, 0, Length);
        }
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The pixel layout.</summary>
    public PixelFormat Format { get; }

    /// <summary>Bytes per pixel: 1 for <see cref="PixelFormat.Gray8"/>, 3 for RGB/BGR, 4 for RGBA.</summary>
    public int BytesPerPixel => Format.BytesPerPixel();

    /// <summary>Bytes from the start of one row to the start of the next; always width × bytes per pixel (rows are packed).</summary>
    public int Stride => Width * BytesPerPixel;

    /// <summary>The number of pixel bytes (<see cref="Stride"/> × <see cref="Height"/>).</summary>
    public int Length { get; }

    /// <summary>Whether <see cref="Dispose"/> has returned the buffer to the pool.</summary>
    public bool IsDisposed => Volatile.Read(ref _buffer) is null;

    /// <summary>All pixel bytes, row after row.</summary>
    /// <exception cref="ObjectDisposedException">The frame was disposed.</exception>
    public Span<byte> Pixels => new(Buffer, 0, Length);

    /// <summary>The pixel bytes as memory, for asynchronous writes (a stream, a pipe).</summary>
    /// <exception cref="ObjectDisposedException">The frame was disposed.</exception>
    public Memory<byte> Memory => new(Buffer, 0, Length);

    /// <summary>
    /// Creates a frame whose pixels are whatever the rented buffer held, for a producer that writes every pixel before
    /// anyone reads the frame (a decoder, a converter, a renderer).
    /// </summary>
    /// <remarks>Zeroing a 1080p frame first costs a pass over 6 MB that is then overwritten, per frame.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">As the public constructor.</exception>
    internal static ImageFrame Uninitialized(int width, int height, PixelFormat format) => new(width, height, format, clear: false);

    /// <summary>The underlying array (longer than <see cref="Length"/>); for codecs that need an array.</summary>
    internal byte[] Buffer => Volatile.Read(ref _buffer) ?? throw new ObjectDisposedException(nameof(ImageFrame), MediaMessages.FrameDisposed);

    /// <summary>Creates a frame holding a copy of <paramref name="pixels"/> (packed rows of <paramref name="format"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> is not exactly width × height × bytes per pixel long.</exception>
    public static ImageFrame FromPixels(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format)
    {
        var frame = Uninitialized(width, height, format);
        if (pixels.Length != frame.Length)
        {
            frame.Dispose();
            throw new ArgumentException(MediaMessages.PixelCountMismatch(pixels.Length, width, height, format), nameof(pixels));
        }

        pixels.CopyTo(frame.Pixels);
        return frame;
    }

    /// <summary>The bytes of row <paramref name="y"/> (0 is the top row).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="y"/> is outside the image.</exception>
    public Span<byte> Row(int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        return new Span<byte>(Buffer, y * Stride, Stride);
    }

    /// <summary>Copies the frame into a new pooled buffer, for a consumer that must keep it after the producer reuses or disposes it.</summary>
    public ImageFrame Clone()
    {
        var copy = Uninitialized(Width, Height, Format);
        Pixels.CopyTo(copy.Pixels);
        return copy;
    }

    /// <summary>Returns a new frame in <paramref name="format"/> (a clone when the format is the same).</summary>
    /// <remarks>Gray uses the BT.601 luma weights; converting to RGBA sets alpha to 255; converting from RGBA drops alpha.</remarks>
    public ImageFrame ConvertTo(PixelFormat format)
    {
        if (format == Format)
        {
            return Clone();
        }

        var result = Uninitialized(Width, Height, format);
        PixelConversion.Convert(Pixels, Format, result.Pixels, format, Width * Height);
        return result;
    }

    /// <summary>Returns the buffer to the pool. Idempotent; the pixels are unusable afterwards.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"ImageFrame({Width}x{Height} {Format})";
}
