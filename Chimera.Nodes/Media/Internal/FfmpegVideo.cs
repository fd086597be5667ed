using Chimera.Media;

namespace Chimera.Nodes;

/// <summary>What the ffmpeg-backed video sources share: the raw output arguments and reading one frame.</summary>
internal static class FfmpegVideo
{
    /// <summary>Arguments that make ffmpeg write packed frames of <paramref name="format"/> to stdout, one per input frame.</summary>
    public static IEnumerable<string> RawOutput(PixelFormat format) =>
        ["-an", "-f", "rawvideo", "-pix_fmt", format.FfmpegName(), "-fps_mode", "passthrough", "pipe:1"];

    /// <summary>Reads the next frame, or returns <see langword="null"/> at the end of ffmpeg's output.</summary>
    public static async ValueTask<ImageFrame?> ReadFrameAsync(FfmpegReader reader, int width, int height, PixelFormat format, CancellationToken cancellationToken)
    {
        var frame = ImageFrame.Uninitialized(width, height, format);
        try
        {
            if (await reader.ReadAsync(frame.Memory, cancellationToken).ConfigureAwait(false))
            {
                return frame;
            }
        }
        catch
        {
            frame.Dispose();
            throw;
        }

        frame.Dispose();
        return null;
    }
}
