using System.Globalization;
using System.Text.Json;
using Chimera.Media;

namespace Chimera.Recording;

/// <summary>
/// <see cref="RecordingKind.Video"/>: <c>name.mp4</c> encoded by one long-running ffmpeg fed raw frames on stdin,
/// <c>name.timestamps.csv</c> with every frame's capture time, and <c>name.video.json</c> saying how it was encoded.
/// </summary>
/// <remarks>
/// <para>ffmpeg runs with <c>-fps_mode passthrough</c>: the mp4 holds exactly the frames given, at the nominal rate of
/// the first sample, never duplicated or dropped to follow the wall clock; the real capture times are in the
/// timestamps file. The encoder is libx264 (CRF 20, veryfast) when ffmpeg has it, else mpeg4.</para>
/// <para>The mp4 is fragmented (a keyframe every two seconds starts a fragment), so a killed recording stays playable
/// up to its last fragment.</para>
/// </remarks>
internal sealed class VideoStream : RecordingStream
{
    /// <summary>The first frame's size and format, which the video keeps.</summary>
    private (int Width, int Height, PixelFormat Format)? _shape;

    /// <summary>The rate of the first sample.</summary>
    private double _fps;

    /// <summary>The encoder, after the first write.</summary>
    private FfmpegProcess? _ffmpeg;

    /// <summary>The capture-time log, after the first write.</summary>
    private TimestampLog? _timestamps;

    /// <summary>The chosen encoder.</summary>
    private string? _encoder;

    /// <summary>The ffmpeg arguments, for the metadata file.</summary>
    private IReadOnlyList<string> _arguments = [];

    /// <summary>Frames written so far.</summary>
    private long _frames;

    /// <summary>Creates the stream.</summary>
    public VideoStream(StreamLocation location, RecordingOptions options)
        : base(location, RecordingKind.Video, options)
    {
    }

    /// <inheritdoc />
    protected override string MainPath => Location.PathFor(".mp4");

    /// <inheritdoc />
    protected override object Prepare(object value)
    {
        var (frame, fps) = value switch
        {
            VideoSample sample => (sample.Frame, sample.FramesPerSecond),
            ImageFrame image => (image, 30.0),
            _ => throw new ArgumentException(RecordingMessages.WrongValue(Location.ToString(), Kind, value, "a VideoSample or an ImageFrame"), nameof(value)),
        };

        if (!double.IsFinite(fps) || fps <= 0)
        {
            throw new ArgumentException(RecordingMessages.BadFps(Location.ToString(), fps), nameof(value));
        }

        var shape = (frame.Width, frame.Height, frame.Format);
        if (_shape is null)
        {
            _shape = shape;
            _fps = fps;
        }
        else if (_shape != shape)
        {
            throw new ArgumentException(RecordingMessages.FrameChanged(Location.ToString(), Describe(_shape.Value), Describe(shape)), nameof(value));
        }

        return frame.Clone();
    }

    /// <inheritdoc />
    protected override void Release(object prepared) => ((ImageFrame)prepared).Dispose();

    /// <inheritdoc />
    protected override async ValueTask WriteAsync(object prepared, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        _ffmpeg ??= await StartAsync(cancellationToken).ConfigureAwait(false);
        var frame = (ImageFrame)prepared;
        try
        {
            await _ffmpeg.Input.WriteAsync(frame.Memory, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new IOException(MediaMessages.FfmpegFailed($"ffmpeg encoding '{MainPath}'", _ffmpeg.HasExited ? _ffmpeg.ExitCode : -1, _ffmpeg.StderrTail), e);
        }

        _frames++;
        await _timestamps!.AppendAsync(_frames - 1, timestamp).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_timestamps is not null)
        {
            await _timestamps.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        if (_ffmpeg is null)
        {
            return;
        }

        await _timestamps!.DisposeAsync().ConfigureAwait(false);
        _timestamps = null;
        var exitCode = await _ffmpeg.CloseInputAndWaitAsync(cancellationToken).ConfigureAwait(false);
        var stderr = _ffmpeg.StderrTail;
        await _ffmpeg.DisposeAsync().ConfigureAwait(false);
        _ffmpeg = null;
        if (exitCode != 0)
        {
            throw new IOException(MediaMessages.FfmpegFailed($"ffmpeg encoding '{MainPath}'", exitCode, stderr));
        }

        await WriteMetadataAsync(complete: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async ValueTask AbortAsync()
    {
        if (_timestamps is not null)
        {
            await _timestamps.DisposeAsync().ConfigureAwait(false);
            _timestamps = null;
        }

        if (_ffmpeg is not null)
        {
            await _ffmpeg.DisposeAsync().ConfigureAwait(false);
            _ffmpeg = null;
        }
    }

    /// <summary>"1280x720 Rgb24".</summary>
    private static string Describe((int Width, int Height, PixelFormat Format) shape) => $"{shape.Width}x{shape.Height} {shape.Format}";

    /// <summary>Chooses the encoder, starts ffmpeg, opens the timestamps file and writes the metadata.</summary>
    private async Task<FfmpegProcess> StartAsync(CancellationToken cancellationToken)
    {
        var (width, height, format) = _shape!.Value;
        _encoder = Options.VideoEncoder ?? await FfmpegEncoders.ChooseAsync(Options.FfmpegPath, cancellationToken).ConfigureAwait(false);
        var fps = _fps.ToString("R", CultureInfo.InvariantCulture);
        var gop = Math.Max(1, (int)Math.Round(_fps * 2)).ToString(CultureInfo.InvariantCulture);
        List<string> arguments =
        [
            "-hide_banner", "-loglevel", "error", "-nostats",
            "-f", "rawvideo", "-pix_fmt", format.FfmpegName(), "-s", $"{width}x{height}", "-r", fps, "-i", "pipe:0",
        ];
        if (width % 2 != 0 || height % 2 != 0)
        {
            // yuv420p needs even sizes; pad one black column/row rather than scale, so pixels stay where they were.
            arguments.AddRange(["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2"]);
        }

        arguments.AddRange(["-c:v", _encoder, .. FfmpegEncoders.QualityArguments(_encoder), "-g", gop, "-pix_fmt", "yuv420p"]);
        arguments.AddRange(["-fps_mode", "passthrough", "-movflags", "+frag_keyframe+empty_moov+default_base_moof", "-y", MainPath]);
        _arguments = arguments;

        Directory.CreateDirectory(Location.Directory);
        await WriteMetadataAsync(complete: false, cancellationToken).ConfigureAwait(false);
        _timestamps = new TimestampLog(Location.PathFor(".timestamps.csv"));
        return FfmpegProcess.Start(Options.FfmpegPath, arguments, redirectInput: true, redirectOutput: false, $"ffmpeg encoding '{MainPath}'");
    }

    /// <summary>Writes <c>name.video.json</c>: encoder, size, format, rate, frame count, and whether the file was closed cleanly.</summary>
    private async Task WriteMetadataAsync(bool complete, CancellationToken cancellationToken)
    {
        var (width, height, format) = _shape!.Value;
        var metadata = new Dictionary<string, object?>
        {
            ["stream"] = Location.Name,
            ["file"] = Path.GetFileName(MainPath),
            ["encoder"] = _encoder,
            ["width"] = width,
            ["height"] = height,
            ["input_pixel_format"] = format.FfmpegName(),
            ["fps"] = _fps,
            ["frames"] = _frames,
            ["complete"] = complete,
            ["timestamps"] = Path.GetFileName(Location.PathFor(".timestamps.csv")),
            ["ffmpeg_arguments"] = _arguments,
        };
        await File.WriteAllBytesAsync(
            Location.PathFor(".video.json"),
            JsonSerializer.SerializeToUtf8Bytes(metadata, new JsonSerializerOptions { WriteIndented = true }),
            cancellationToken).ConfigureAwait(false);
    }
}
