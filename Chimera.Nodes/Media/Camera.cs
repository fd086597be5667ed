using System.Globalization;
using Chimera.Media;

namespace Chimera.Nodes;

/// <summary>
/// A source of frames from a V4L2 camera (<c>/dev/videoN</c>) through ffmpeg; the camera paces the stream.
/// </summary>
/// <remarks>Fails at setup with a clear message when the device does not exist. Needs the Debian package <c>ffmpeg</c>.</remarks>
public sealed class Camera : Node
{
    /// <summary>The capture, between setup and teardown.</summary>
    private FfmpegReader? _reader;

    /// <summary>The V4L2 device. Defaults to <c>/dev/video0</c>.</summary>
    public string Device { get; set; } = "/dev/video0";

    /// <summary>The requested width. Defaults to 640.</summary>
    public int Width { get; set; } = 640;

    /// <summary>The requested height. Defaults to 480.</summary>
    public int Height { get; set; } = 480;

    /// <summary>The requested frame rate. Defaults to 30.</summary>
    public double Fps { get; set; } = 30;

    /// <summary>The camera's input format (<c>mjpeg</c>, <c>yuyv422</c>), or <see langword="null"/> (the default) to let ffmpeg choose.</summary>
    public string? InputFormat { get; set; }

    /// <summary>The frames' pixel format. Defaults to <see cref="PixelFormat.Rgb24"/>.</summary>
    public PixelFormat PixelFormat { get; set; } = PixelFormat.Rgb24;

    /// <summary>The ffmpeg program. Defaults to <c>ffmpeg</c> on PATH.</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <inheritdoc />
    public override ValueTask SetupAsync(CancellationToken cancellationToken)
    {
        SourceSettings.CheckSize(Name, Width, Height);
        SourceSettings.CheckRate(Name, nameof(Fps), Fps);
        if (!File.Exists(Device))
        {
            throw new InvalidOperationException(NodeMessages.CameraMissing(Name, Device));
        }

        List<string> arguments =
        [
            "-hide_banner", "-loglevel", "error", "-nostdin",
            "-f", "v4l2", "-framerate", Fps.ToString(CultureInfo.InvariantCulture), "-video_size", $"{Width}x{Height}",
        ];
        if (InputFormat is not null)
        {
            arguments.AddRange(["-input_format", InputFormat]);
        }

        arguments.AddRange(["-i", Device, "-vf", $"scale={Width}:{Height}", .. FfmpegVideo.RawOutput(PixelFormat)]);
        _reader = FfmpegReader.Start(FfmpegPath, arguments, $"ffmpeg capturing '{Device}' for node '{Name}'");
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken) =>
        await FfmpegVideo.ReadFrameAsync(_reader!, Width, Height, PixelFormat, cancellationToken).ConfigureAwait(false)
        ?? throw await _reader!.DeviceEndedAsync(Name, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override async ValueTask TeardownAsync(CancellationToken cancellationToken)
    {
        if (_reader is not null)
        {
            await _reader.DisposeAsync().ConfigureAwait(false);
            _reader = null;
        }
    }
}
