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
/// <para>A published frame is held by every edge it travels on until that edge's reader is done with it (a node until
/// its step has run and published, an edge to another worker until the pixels are sent: raw frames are streamed from
/// the buffer itself, encoded ones are encoded from it). Disposing it meanwhile, from another branch of a fan-out or
/// later from the node that published it, only lets the buffer go back to the pool once the last hold is given up, so
/// no consumer reads pixels of a frame rented afterwards. A frame stays valid for the step that received it;
/// <see cref="Retain"/> it (no copy) or <see cref="Clone"/> it to keep it longer.</para>
/// </remarks>
public sealed class ImageFrame : IDisposable
{
    /// <summary>The pooled buffer, or <see langword="null"/> once it went back to the pool.</summary>
    private byte[]? _buffer;

    /// <summary>
    /// Claims on the buffer: the owner's, given up by <see cref="Dispose"/>, and one per edge, publishing stage or tap
    /// that still has the frame to use (<see cref="TryHold"/>). The buffer goes back to the pool when the last is released.
    /// </summary>
    private int _holds = 1;

    /// <summary>1 once <see cref="Dispose"/> gave up the owner's claim, so a second call gives up nothing.</summary>
    private int _disposed;

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

    /// <summary>
    /// Whether the buffer has gone back to the pool: at <see cref="Dispose"/>, or later when the last edge, stage or tap
    /// holding the frame let it go.
    /// </summary>
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

    /// <summary>
    /// Keeps the pixels readable until the returned lease is disposed, whoever disposes the frame meanwhile: a frame
    /// received by a step is only guaranteed for that step, and retaining it costs no copy where <see cref="Clone"/>
    /// copies every pixel.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The buffer has already gone back to the pool.</exception>
    public ImageFrameLease Retain() =>
        TryHold() ? new ImageFrameLease(this) : throw new ObjectDisposedException(nameof(ImageFrame), MediaMessages.FrameDisposed);

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

    /// <summary>
    /// Returns the buffer to the pool, at once or, while an edge still has the frame to deliver or send, once the last
    /// such hold is given up. Idempotent; the caller must not use the pixels afterwards.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Release();
        }
    }

    /// <summary>
    /// Adds a claim that keeps the buffer out of the pool until <see cref="Release"/>; false when the buffer has
    /// already gone back (the frame was disposed with no other claim left), so its pixels can no longer be read.
    /// </summary>
    internal bool TryHold()
    {
        var holds = Volatile.Read(ref _holds);
        while (holds > 0)
        {
            var seen = Interlocked.CompareExchange(ref _holds, holds + 1, holds);
            if (seen == holds)
            {
                return true;
            }

            holds = seen;
        }

        return false;
    }

    /// <summary>Gives up one claim (<see cref="TryHold"/>, or the owner's through <see cref="Dispose"/>); the last returns the buffer to the pool.</summary>
    internal void Release()
    {
        if (Interlocked.Decrement(ref _holds) == 0 && Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"ImageFrame({Width}x{Height} {Format})";
}
