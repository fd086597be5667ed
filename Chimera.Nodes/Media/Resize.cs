using Chimera.Media;

namespace Chimera.Nodes;

/// <summary>A transform that scales its input's image to <see cref="Width"/> × <see cref="Height"/>, keeping its pixel format.</summary>
/// <remarks>Bilinear uses pixel-center alignment (as OpenCV's INTER_LINEAR) with 8-bit fixed-point weights.</remarks>
public sealed class Resize : Node
{
    /// <summary>The output width. Defaults to 320.</summary>
    public int Width { get; set; } = 320;

    /// <summary>The output height. Defaults to 240.</summary>
    public int Height { get; set; } = 240;

    /// <summary>The interpolation. Defaults to <see cref="ResizeInterpolation.Bilinear"/>.</summary>
    public ResizeInterpolation Interpolation { get; set; } = ResizeInterpolation.Bilinear;

    /// <summary>The record holding the image. Defaults to <c>default</c>.</summary>
    public string Record { get; set; } = DataChunk.DefaultRecordName;

    /// <summary>The upstream node to read, or <see langword="null"/> (the default) when there is one input.</summary>
    public string? Input { get; set; }

    /// <inheritdoc />
    protected override void Setup() => SourceSettings.CheckSize(Name, Width, Height);

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        var image = InputRecord.Get<ImageFrame>(Name, inputs, Input, Record, "an ImageFrame");
        return Scale(image, Width, Height, Interpolation);
    }

    /// <summary>Scales <paramref name="source"/> into a new frame.</summary>
    internal static ImageFrame Scale(ImageFrame source, int width, int height, ResizeInterpolation interpolation)
    {
        var result = ImageFrame.Uninitialized(width, height, source.Format);
        if (interpolation == ResizeInterpolation.Nearest)
        {
            Nearest(source, result);
        }
        else
        {
            Bilinear(source, result);
        }

        return result;
    }

    /// <summary>Nearest neighbour with a precomputed column map.</summary>
    private static void Nearest(ImageFrame source, ImageFrame target)
    {
        var bpp = source.BytesPerPixel;
        var columns = new int[target.Width];
        for (var x = 0; x < target.Width; x++)
        {
            columns[x] = Math.Min(source.Width - 1, (int)(((x + 0.5) * source.Width) / target.Width)) * bpp;
        }

        for (var y = 0; y < target.Height; y++)
        {
            var sy = Math.Min(source.Height - 1, (int)(((y + 0.5) * source.Height) / target.Height));
            ReadOnlySpan<byte> from = source.Row(sy);
            var to = target.Row(y);
            for (var x = 0; x < columns.Length; x++)
            {
                from.Slice(columns[x], bpp).CopyTo(to.Slice(x * bpp, bpp));
            }
        }
    }

    /// <summary>Bilinear with precomputed column indices and weights (0..256).</summary>
    private static void Bilinear(ImageFrame source, ImageFrame target)
    {
        var bpp = source.BytesPerPixel;
        var (x0, x1, wx) = Axis(source.Width, target.Width);
        var (y0, y1, wy) = Axis(source.Height, target.Height);
        for (var y = 0; y < target.Height; y++)
        {
            ReadOnlySpan<byte> top = source.Row(y0[y]);
            ReadOnlySpan<byte> bottom = source.Row(y1[y]);
            var fy = wy[y];
            var to = target.Row(y);
            for (var x = 0; x < target.Width; x++)
            {
                int a = x0[x] * bpp, b = x1[x] * bpp, fx = wx[x], o = x * bpp;
                for (var c = 0; c < bpp; c++)
                {
                    var upper = (top[a + c] * (256 - fx)) + (top[b + c] * fx);
                    var lower = (bottom[a + c] * (256 - fx)) + (bottom[b + c] * fx);
                    to[o + c] = (byte)(((upper * (256 - fy)) + (lower * fy) + 32768) >> 16);
                }
            }
        }
    }

    /// <summary>For each output coordinate: the two source coordinates and the weight of the second.</summary>
    private static (int[] Low, int[] High, int[] Weight) Axis(int sourceLength, int targetLength)
    {
        var low = new int[targetLength];
        var high = new int[targetLength];
        var weight = new int[targetLength];
        var scale = (double)sourceLength / targetLength;
        for (var i = 0; i < targetLength; i++)
        {
            var s = Math.Clamp(((i + 0.5) * scale) - 0.5, 0, sourceLength - 1);
            var l = (int)s;
            low[i] = l;
            high[i] = Math.Min(l + 1, sourceLength - 1);
            weight[i] = (int)Math.Round((s - l) * 256);
        }

        return (low, high, weight);
    }
}
