namespace Chimera.Media;

/// <summary>Converts packed pixels between the <see cref="PixelFormat"/>s, with spans and no allocation.</summary>
internal static class PixelConversion
{
    /// <summary>Converts <paramref name="pixelCount"/> pixels from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static void Convert(ReadOnlySpan<byte> source, PixelFormat from, Span<byte> destination, PixelFormat to, int pixelCount)
    {
        var sb = from.BytesPerPixel();
        var db = to.BytesPerPixel();
        if (from == to)
        {
            source[..(pixelCount * sb)].CopyTo(destination);
            return;
        }

        for (int i = 0, s = 0, d = 0; i < pixelCount; i++, s += sb, d += db)
        {
            byte r, g, b, a = 255;
            switch (from)
            {
                case PixelFormat.Gray8:
                    r = g = b = source[s];
                    break;
                case PixelFormat.Bgr24:
                    b = source[s];
                    g = source[s + 1];
                    r = source[s + 2];
                    break;
                case PixelFormat.Rgba32:
                    r = source[s];
                    g = source[s + 1];
                    b = source[s + 2];
                    a = source[s + 3];
                    break;
                default:
                    r = source[s];
                    g = source[s + 1];
                    b = source[s + 2];
                    break;
            }

            switch (to)
            {
                case PixelFormat.Gray8:
                    destination[d] = Luma(r, g, b);
                    break;
                case PixelFormat.Bgr24:
                    destination[d] = b;
                    destination[d + 1] = g;
                    destination[d + 2] = r;
                    break;
                case PixelFormat.Rgba32:
                    destination[d] = r;
                    destination[d + 1] = g;
                    destination[d + 2] = b;
                    destination[d + 3] = a;
                    break;
                default:
                    destination[d] = r;
                    destination[d + 1] = g;
                    destination[d + 2] = b;
                    break;
            }
        }
    }

    /// <summary>BT.601 luma in fixed point (0.299, 0.587, 0.114 scaled by 2^16), rounded.</summary>
    public static byte Luma(byte r, byte g, byte b) => (byte)(((19595 * r) + (38470 * g) + (7471 * b) + 32768) >> 16);
}
