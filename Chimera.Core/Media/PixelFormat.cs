namespace Chimera.Media;

/// <summary>How the bytes of one pixel of an <see cref="ImageFrame"/> are laid out (8 bits per channel, interleaved).</summary>
public enum PixelFormat
{
    /// <summary>One byte of luma per pixel.</summary>
    Gray8,

    /// <summary>Three bytes per pixel: red, green, blue.</summary>
    Rgb24,

    /// <summary>Three bytes per pixel: blue, green, red (OpenCV's order).</summary>
    Bgr24,

    /// <summary>Four bytes per pixel: red, green, blue, alpha.</summary>
    Rgba32,
}
