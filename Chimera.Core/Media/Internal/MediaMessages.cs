namespace Chimera.Media;

/// <summary>Every message the media types throw, in one place so tests can assert them.</summary>
internal static class MediaMessages
{
    /// <summary>Thrown when pixels of a disposed frame are touched.</summary>
    public const string FrameDisposed = "The image frame was disposed and its buffer returned to the pool. Retain() or Clone() a frame you need to keep beyond the step that received it.";

    /// <summary>Thrown when tjInitCompress/tjInitDecompress returns null.</summary>
    public const string TurboJpegInitFailed = "TurboJPEG could not create a handle (out of memory?).";

    /// <summary>A pixel format value outside the enum.</summary>
    public static string UnknownPixelFormat(PixelFormat format) => $"Pixel format {(int)format} is not one of Gray8, Rgb24, Bgr24, Rgba32.";

    /// <summary>A frame larger than .NET arrays allow.</summary>
    public static string FrameTooLarge(int width, int height, PixelFormat format) =>
        $"An image of {width}x{height} {format} needs more than {Array.MaxLength} bytes, the largest array .NET allows.";

    /// <summary>Pixel data whose length does not match the size.</summary>
    public static string PixelCountMismatch(int length, int width, int height, PixelFormat format) =>
        $"{length} bytes were given for a {width}x{height} {format} image, which needs {(long)width * height * format.BytesPerPixel()}.";

    /// <summary>Audio samples that do not divide into whole frames.</summary>
    public static string AudioSamplesNotMultiple(int samples, int channels) =>
        $"{samples} samples do not split into whole frames of {channels} channels; pass interleaved samples, a multiple of the channel count.";

    /// <summary>The library could not be loaded.</summary>
    public static string TurboJpegMissing(IReadOnlyList<string> names, string? detail) =>
        $"libjpeg-turbo's TurboJPEG library could not be loaded (tried {string.Join(", ", names)}){(detail is null ? string.Empty : ": " + detail)}. "
        + "Chimera compresses images with it; install it with 'apt-get install libturbojpeg0' (Debian/Ubuntu package libturbojpeg0), "
        + "or send images uncompressed explicitly with the record option codec=raw or codec=png.";

    /// <summary>The installed library lacks a 2.x function.</summary>
    public static string TurboJpegSymbolMissing(string name) => $"the library has no '{name}' (TurboJPEG 2.0 or later is needed)";

    /// <summary>tjCompress2 failed.</summary>
    public static string JpegEncodeFailed(ImageFrame image, string error) => $"JPEG encoding of a {image.Width}x{image.Height} {image.Format} image failed: {error}.";

    /// <summary>The bytes are not a decodable JPEG.</summary>
    public static string JpegDecodeFailed(string reason) => $"The JPEG could not be decoded: {reason}.";

    /// <summary>The bytes are not a PNG this codec reads.</summary>
    public static string PngInvalid(string reason) => $"The PNG could not be read: {reason}.";

    /// <summary>The image codec was given something else.</summary>
    public static string NotAnImage(string record, object? value) =>
        $"Record '{record}' holds a {value?.GetType().Name ?? "null"}, not an ImageFrame, so the image codec cannot encode it.";

    /// <summary>A malformed image payload from the wire.</summary>
    public static string ImagePayloadInvalid(string record, string reason) => $"The image payload of record '{record}' is malformed: {reason}.";

    /// <summary>An unknown codec option.</summary>
    public static string BadCodecOption(string record, string value) =>
        $"Record '{record}' has codec={value}; expected jpeg (the default), png or raw.";

    /// <summary>A quality option that is not 1..100.</summary>
    public static string BadQualityOption(string record, string value) =>
        $"Record '{record}' has quality={value}; expected an integer from 1 to 100 (default 90).";

    /// <summary>ffmpeg (or ffprobe) cannot be started.</summary>
    public static string FfmpegMissing(string executable, string description, string reason) =>
        $"'{executable}' could not be started for {description}: {reason}. Install it with 'apt-get install ffmpeg' (Debian package ffmpeg) or set the path to the program.";

    /// <summary>ffmpeg exited with an error.</summary>
    public static string FfmpegFailed(string description, int exitCode, string stderr) =>
        $"{description} failed: ffmpeg exited with code {exitCode}. Its last output: {stderr}";
}
