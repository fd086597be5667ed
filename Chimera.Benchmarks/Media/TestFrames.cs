using Chimera.Media;

namespace Chimera.Benchmarks.Media;

/// <summary>1080p frames drawn like <c>TestPatternVideo</c> (a colour gradient with a white bar), for the codec benchmarks.</summary>
internal static class TestFrames
{
    /// <summary>Full HD width.</summary>
    public const int Width = 1920;

    /// <summary>Full HD height.</summary>
    public const int Height = 1080;

    /// <summary>Draws frame <paramref name="t"/> at 1920×1080 RGB24.</summary>
    public static ImageFrame Render1080p(long t)
    {
        var frame = new ImageFrame(Width, Height, PixelFormat.Rgb24);
        var shift = (int)(t % 256);
        var barX = (int)(t * 8 % Width);
        for (var y = 0; y < Height; y++)
        {
            var row = frame.Row(y);
            var g = (byte)((y * 255 / (Height - 1)) + shift);
            for (int x = 0, i = 0; x < Width; x++, i += 3)
            {
                var inBar = x >= barX && x < barX + 16;
                row[i] = inBar ? (byte)255 : (byte)((x * 255 / (Width - 1)) + shift);
                row[i + 1] = inBar ? (byte)255 : g;
                row[i + 2] = inBar ? (byte)255 : (byte)(((x + y) >> 2) - shift);
            }
        }

        return frame;
    }

    /// <summary>Throws <see cref="Harness.BenchmarkUnavailableException"/> when libturbojpeg is missing.</summary>
    public static void EnsureJpeg()
    {
        if (!JpegCodec.IsAvailable)
        {
            throw new Harness.BenchmarkUnavailableException("libturbojpeg is missing (apt-get install libturbojpeg0).");
        }
    }
}
