using Chimera.Media;

namespace Chimera.Tests.Media;

/// <summary>Synthetic images for codec tests.</summary>
internal static class TestImages
{
    /// <summary>A smooth gradient (what JPEG handles well), in any format.</summary>
    public static ImageFrame Smooth(int width, int height, PixelFormat format)
    {
        var frame = new ImageFrame(width, height, format);
        var bpp = frame.BytesPerPixel;
        for (var y = 0; y < height; y++)
        {
            var row = frame.Row(y);
            for (var x = 0; x < width; x++)
            {
                var r = (byte)(x * 255 / Math.Max(1, width - 1));
                var g = (byte)(y * 255 / Math.Max(1, height - 1));
                var b = (byte)((x + y) * 255 / Math.Max(1, width + height - 2));
                var p = row.Slice(x * bpp, bpp);
                switch (format)
                {
                    case PixelFormat.Gray8: p[0] = (byte)((r + g) / 2); break;
                    case PixelFormat.Rgb24: p[0] = r; p[1] = g; p[2] = b; break;
                    case PixelFormat.Bgr24: p[0] = b; p[1] = g; p[2] = r; break;
                    default: p[0] = r; p[1] = g; p[2] = b; p[3] = 255; break;
                }
            }
        }

        return frame;
    }

    /// <summary>Random noise: a worst case for filters and compression.</summary>
    public static ImageFrame Noise(int width, int height, PixelFormat format, int seed = 1)
    {
        var frame = new ImageFrame(width, height, format);
        new Random(seed).NextBytes(frame.Pixels);
        return frame;
    }

    /// <summary>Peak signal-to-noise ratio in dB between two same-sized frames.</summary>
    public static double Psnr(ImageFrame a, ImageFrame b)
    {
        Assert.Equal(a.Length, b.Length);
        double sum = 0;
        var pa = a.Pixels;
        var pb = b.Pixels;
        for (var i = 0; i < pa.Length; i++)
        {
            var d = pa[i] - pb[i];
            sum += d * d;
        }

        var mse = sum / pa.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }
}
