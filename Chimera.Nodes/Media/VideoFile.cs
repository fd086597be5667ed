using System.Globalization;
using System.Text.Json.Serialization;
using Chimera.Media;

namespace Chimera.Nodes;

/// <summary>
/// A source that plays a video file through ffmpeg: one <see cref="ImageFrame"/> per video frame, paced at the file's
/// frame rate (or as fast as the pipeline takes them), ending at the end of the file.
/// </summary>
/// <remarks>The size and rate come from <c>ffprobe</c> at setup. Needs the Debian package <c>ffmpeg</c>.</remarks>
public sealed class VideoFile : Node
{
    /// <summary>The decoder, between setup and teardown.</summary>
    private FfmpegReader? _reader;

    /// <summary>Paces playback unless <see cref="AsFastAsPossible"/>.</summary>
    private Pacer? _pacer;

    /// <summary>The file to play. Required.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Whether to skip pacing and deliver frames as fast as downstream takes them (for offline processing). Defaults to <see langword="false"/>.</summary>
    public bool AsFastAsPossible { get; set; }

    /// <summary>The frames' pixel format. Defaults to <see cref="PixelFormat.Rgb24"/>.</summary>
    public PixelFormat PixelFormat { get; set; } = PixelFormat.Rgb24;

    /// <summary>The ffmpeg program. Defaults to <c>ffmpeg</c> on PATH.</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>The ffprobe program. Defaults to <c>ffprobe</c> on PATH.</summary>
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>The video's width, known after setup.</summary>
    [JsonIgnore]
    public int FrameWidth { get; private set; }

    /// <summary>The video's height, known after setup.</summary>
    [JsonIgnore]
    public int FrameHeight { get; private set; }

    /// <summary>The video's frame rate, known after setup.</summary>
    [JsonIgnore]
    public double FramesPerSecond { get; private set; }

    /// <inheritdoc />
    public override async ValueTask SetupAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            throw new FileNotFoundException(NodeMessages.FileMissing(Name, Path), Path);
        }

        (FrameWidth, FrameHeight, FramesPerSecond) = await ProbeAsync(cancellationToken).ConfigureAwait(false);
        _pacer = new Pacer(Context.Clock, FramesPerSecond);
        _reader = FfmpegReader.Start(
            FfmpegPath,
            ["-hide_banner", "-loglevel", "error", "-nostdin", "-i", Path, "-map", "0:v:0", .. FfmpegVideo.RawOutput(PixelFormat)],
            $"ffmpeg decoding '{Path}' for node '{Name}'");
    }

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        if (!AsFastAsPossible)
        {
            await _pacer!.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var frame = await FfmpegVideo.ReadFrameAsync(_reader!, FrameWidth, FrameHeight, PixelFormat, cancellationToken).ConfigureAwait(false);
        if (frame is null)
        {
            await _reader!.EnsureSucceededAsync(cancellationToken).ConfigureAwait(false);
            Context.EndStream();
        }

        return frame;
    }

    /// <inheritdoc />
    public override async ValueTask TeardownAsync(CancellationToken cancellationToken)
    {
        if (_reader is not null)
        {
            await _reader.DisposeAsync().ConfigureAwait(false);
            _reader = null;
        }
    }

    /// <summary>Asks ffprobe for the first video stream's width, height and frame rate.</summary>
    private async Task<(int Width, int Height, double Fps)> ProbeAsync(CancellationToken cancellationToken)
    {
        var output = await FfmpegProcess.RunAsync(
            FfprobePath,
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height,avg_frame_rate,r_frame_rate", "-of", "default=noprint_wrappers=1", Path],
            $"ffprobe reading '{Path}' for node '{Name}'",
            cancellationToken).ConfigureAwait(false);
        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0])
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        if (!values.TryGetValue("width", out var w) || !int.TryParse(w, CultureInfo.InvariantCulture, out var width)
            || !values.TryGetValue("height", out var h) || !int.TryParse(h, CultureInfo.InvariantCulture, out var height))
        {
            throw new InvalidDataException(NodeMessages.ProbeFailed(Name, Path, output));
        }

        var fps = ParseRate(values.GetValueOrDefault("avg_frame_rate")) ?? ParseRate(values.GetValueOrDefault("r_frame_rate"))
            ?? throw new InvalidDataException(NodeMessages.ProbeFailed(Name, Path, output));
        return (width, height, fps);
    }

    /// <summary>Parses ffprobe's "30000/1001" rates; null when absent or zero.</summary>
    private static double? ParseRate(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('/');
        if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var numerator))
        {
            return null;
        }

        var denominator = parts.Length > 1 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 1;
        var rate = denominator == 0 ? 0 : numerator / denominator;
        return rate > 0 && double.IsFinite(rate) ? rate : null;
    }
}
