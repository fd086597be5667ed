namespace Chimera.Recording;

/// <summary>How a <see cref="RunRecording"/> writes: queue sizes, flush interval, ffmpeg and encoder settings.</summary>
public sealed class RecordingOptions
{
    /// <summary>The entries one stream may have waiting for its writer.</summary>
    private int _queueCapacity = 32;

    /// <summary>How often buffered data reaches the file.</summary>
    private TimeSpan _flushInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long closing may take.</summary>
    private TimeSpan _closeTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How many entries (frames, blocks, rows) one stream may have waiting for its writer before a save waits.
    /// </summary>
    /// <value>1 to 100,000. Defaults to 32 (about a second of 30 fps video, ~88 MB at 1280×720 RGB).</value>
    /// <remarks>When the queue is full the saving node waits (backpressure): nothing is dropped.</remarks>
    public int QueueCapacity
    {
        get => _queueCapacity;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 100_000);
            _queueCapacity = value;
        }
    }

    /// <summary>How often buffered data is flushed to the file and WAV headers are patched.</summary>
    /// <value>10 ms to 1 minute. Defaults to 1 second, so a crash loses at most about the last second.</value>
    public TimeSpan FlushInterval
    {
        get => _flushInterval;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromMilliseconds(10));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromMinutes(1));
            _flushInterval = value;
        }
    }

    /// <summary>How long closing a stream (draining its queue, finishing an mp4) may take before ffmpeg is killed.</summary>
    /// <value>Positive. Defaults to 2 minutes.</value>
    public TimeSpan CloseTimeout
    {
        get => _closeTimeout;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _closeTimeout = value;
        }
    }

    /// <summary>The ffmpeg program used for video. Defaults to <c>ffmpeg</c> (found on PATH).</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>
    /// The ffmpeg video encoder, or <see langword="null"/> to use <c>libx264</c> when <c>ffmpeg -encoders</c> lists it,
    /// else <c>mpeg4</c>. Defaults to <see langword="null"/>.
    /// </summary>
    public string? VideoEncoder { get; set; }

    /// <summary>Called before each entry is written; tests use it to make a slow disk.</summary>
    internal Func<CancellationToken, ValueTask>? BeforeWrite { get; set; }
}
