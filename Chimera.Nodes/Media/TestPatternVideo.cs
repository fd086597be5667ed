using Chimera.Media;

namespace Chimera.Nodes;

/// <summary>
/// A source of synthetic moving frames (a drifting color gradient with a sweeping white bar), paced at
/// <see cref="Fps"/> on the node's clock. Useful to try a pipeline without a camera.
/// </summary>
/// <remarks>Outputs an <see cref="ImageFrame"/> under the record name <c>default</c>; ends after <see cref="Count"/> frames when set.</remarks>
public sealed class TestPatternVideo : Node
{
    /// <summary>Paces the frames.</summary>
    private Pacer? _pacer;

    /// <summary>Frames produced so far.</summary>
    private long _index;

    /// <summary>Frame width in pixels. Defaults to 640.</summary>
    public int Width { get; set; } = 640;

    /// <summary>Frame height in pixels. Defaults to 480.</summary>
    public int Height { get; set; } = 480;

    /// <summary>Frames per second. Defaults to 30.</summary>
    public double Fps { get; set; } = 30;

    /// <summary>How many frames to produce before the stream ends, or <see langword="null"/> (the default) for no end.</summary>
    public int? Count { get; set; }

    /// <summary>The frames' pixel format. Defaults to <see cref="PixelFormat.Rgb24"/>.</summary>
    public PixelFormat PixelFormat { get; set; } = PixelFormat.Rgb24;

    /// <inheritdoc />
    public override ValueTask SetupAsync(CancellationToken cancellationToken)
    {
        SourceSettings.CheckSize(Name, Width, Height);
        SourceSettings.CheckRate(Name, nameof(Fps), Fps);
        if (Count is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Count), NodeMessages.Invalid(Name, nameof(Count), Count, "null or a count >= 0"));
        }

        _pacer = new Pacer(Context.Clock, Fps);
        _index = 0;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        if (Count is { } count && _index >= count)
        {
            Context.EndStream();
            return null;
        }

        await _pacer!.WaitAsync(cancellationToken).ConfigureAwait(false);
        var frame = Render(_index++);
        if (Count is { } total && _index >= total)
        {
            Context.EndStream();
        }

        return frame;
    }

    /// <summary>Draws frame <paramref name="t"/>.</summary>
    /// <remarks>
    /// Red is a horizontal ramp, green a vertical one, blue a diagonal one, all drifting with <paramref name="t"/>; the
    /// bar is painted over them. The ramp is computed once per frame rather than per pixel: at 1080p a division per
    /// pixel cost more than compressing the frame.
    /// </remarks>
    internal ImageFrame Render(long t)
    {
        var frame = ImageFrame.Uninitialized(Width, Height, PixelFormat.Rgb24);
        var shift = (int)(t % 256);
        var barX = (int)(t * 8 % Width);
        var barEnd = Math.Min(Width, barX + 16);
        Span<byte> red = Width <= 4096 ? stackalloc byte[Width] : new byte[Width];
        for (var x = 0; x < red.Length; x++)
        {
            red[x] = (byte)((x * 255 / Math.Max(1, Width - 1)) + shift);
        }

        for (var y = 0; y < Height; y++)
        {
            var row = frame.Row(y);
            var green = (byte)((y * 255 / Math.Max(1, Height - 1)) + shift);
            var blue = y - (shift << 2);
            for (int x = 0, i = 0; x < red.Length; x++, i += 3)
            {
                row[i] = red[x];
                row[i + 1] = green;
                row[i + 2] = (byte)((x + blue) >> 2);
            }

            row.Slice(barX * 3, (barEnd - barX) * 3).Fill(255);
        }

        if (PixelFormat == PixelFormat.Rgb24)
        {
            return frame;
        }

        using (frame)
        {
            return frame.ConvertTo(PixelFormat);
        }
    }
}
