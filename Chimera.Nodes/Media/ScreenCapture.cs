using System.Globalization;
using Chimera.Media;

namespace Chimera.Nodes;

/// <summary>
/// A source of frames grabbed from an X11 screen (ffmpeg's <c>x11grab</c>), at <see cref="Fps"/>.
/// </summary>
/// <remarks>Fails at setup with a clear message when there is no X display. Needs the Debian package <c>ffmpeg</c>.</remarks>
public sealed class ScreenCapture : Node
{
    /// <summary>The capture, between setup and teardown.</summary>
    private FfmpegReader? _reader;

    /// <summary>The X display (<c>:0</c>), or <see langword="null"/> (the default) to use the DISPLAY environment variable.</summary>
    public string? Display { get; set; }

    /// <summary>The captured width. Defaults to 1280.</summary>
    public int Width { get; set; } = 1280;

    /// <summary>The captured height. Defaults to 720.</summary>
    public int Height { get; set; } = 720;

    /// <summary>The left edge of the captured area. Defaults to 0.</summary>
    public int X { get; set; }

    /// <summary>The top edge of the captured area. Defaults to 0.</summary>
    public int Y { get; set; }

    /// <summary>Frames per second. Defaults to 15.</summary>
    public double Fps { get; set; } = 15;

    /// <summary>The frames' pixel format. Defaults to <see cref="PixelFormat.Rgb24"/>.</summary>
    public PixelFormat PixelFormat { get; set; } = PixelFormat.Rgb24;

    /// <summary>The ffmpeg program. Defaults to <c>ffmpeg</c> on PATH.</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <inheritdoc />
    public override ValueTask SetupAsync(CancellationToken cancellationToken)
    {
        SourceSettings.CheckSize(Name, Width, Height);
        SourceSettings.CheckRate(Name, nameof(Fps), Fps);
        var display = string.IsNullOrWhiteSpace(Display) ? Environment.GetEnvironmentVariable("DISPLAY") : Display;
        if (string.IsNullOrWhiteSpace(display))
        {
            throw new InvalidOperationException(NodeMessages.NoDisplay(Name));
        }

        _reader = FfmpegReader.Start(
            FfmpegPath,
            [
                "-hide_banner", "-loglevel", "error", "-nostdin",
                "-f", "x11grab", "-framerate", Fps.ToString(CultureInfo.InvariantCulture), "-video_size", $"{Width}x{Height}",
                "-i", string.Create(CultureInfo.InvariantCulture, $"{display}+{X},{Y}"),
                .. FfmpegVideo.RawOutput(PixelFormat),
            ],
            $"ffmpeg capturing display '{display}' for node '{Name}'");
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
