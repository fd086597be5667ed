namespace Chimera.Media;

/// <summary>Facts about each <see cref="PixelFormat"/> that codecs and ffmpeg arguments need.</summary>
internal static class PixelFormats
{
    /// <summary>The number of bytes one pixel takes.</summary>
    public static int BytesPerPixel(this PixelFormat format) => format switch
    {
        PixelFormat.Gray8 => 1,
        PixelFormat.Rgb24 or PixelFormat.Bgr24 => 3,
        PixelFormat.Rgba32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, MediaMessages.UnknownPixelFormat(format)),
    };

    /// <summary>The name ffmpeg gives this layout in <c>-pix_fmt</c>.</summary>
    public static string FfmpegName(this PixelFormat format) => format switch
    {
        PixelFormat.Gray8 => "gray",
        PixelFormat.Rgb24 => "rgb24",
        PixelFormat.Bgr24 => "bgr24",
        PixelFormat.Rgba32 => "rgba",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, MediaMessages.UnknownPixelFormat(format)),
    };

    /// <summary>Whether the value is one of the defined formats (wire input is untrusted).</summary>
    public static bool IsDefined(PixelFormat format) => format is >= PixelFormat.Gray8 and <= PixelFormat.Rgba32;
}
