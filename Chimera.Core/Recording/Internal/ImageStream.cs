using System.Globalization;
using Chimera.Media;

namespace Chimera.Recording;

/// <summary>
/// <see cref="RecordingKind.Image"/>: one lossless PNG per save, <c>name/000001.png</c>, <c>name/000002.png</c>, …, and
/// <c>name.timestamps.csv</c> with each image's capture time. Sizes and formats may change from image to image.
/// </summary>
internal sealed class ImageStream : RecordingStream
{
    /// <summary>The capture-time log, after the first write.</summary>
    private TimestampLog? _timestamps;

    /// <summary>Images written so far.</summary>
    private long _count;

    /// <summary>Creates the stream.</summary>
    public ImageStream(StreamLocation location, RecordingOptions options)
        : base(location, RecordingKind.Image, options)
    {
    }

    /// <inheritdoc />
    protected override string MainPath => Path.Combine(Location.Directory, Location.Name);

    /// <inheritdoc />
    protected override object Prepare(object value) => value switch
    {
        ImageFrame frame => frame.Clone(),
        VideoSample sample => sample.Frame.Clone(),
        _ => throw new ArgumentException(RecordingMessages.WrongValue(Location.ToString(), Kind, value, "an ImageFrame"), nameof(value)),
    };

    /// <inheritdoc />
    protected override void Release(object prepared) => ((ImageFrame)prepared).Dispose();

    /// <inheritdoc />
    protected override async ValueTask WriteAsync(object prepared, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        _timestamps ??= new TimestampLog(Location.PathFor(".timestamps.csv"));
        _count++;
        var path = Path.Combine(MainPath, _count.ToString("D6", CultureInfo.InvariantCulture) + ".png");
        await using (var file = RecordingFiles.Create(path))
        {
            var png = PngCodec.Encode((ImageFrame)prepared);
            await file.WriteAsync(png, cancellationToken).ConfigureAwait(false);
        }

        await _timestamps.AppendAsync(_count, timestamp).ConfigureAwait(false);
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
    protected override ValueTask CloseAsync(CancellationToken cancellationToken) => AbortAsync();

    /// <inheritdoc />
    protected override async ValueTask AbortAsync()
    {
        if (_timestamps is not null)
        {
            await _timestamps.DisposeAsync().ConfigureAwait(false);
            _timestamps = null;
        }
    }
}
