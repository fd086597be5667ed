using System.Text;

namespace Chimera.Recording;

/// <summary><see cref="RecordingKind.Text"/>: <c>name.txt</c>, each save one line (UTF-8, as given).</summary>
internal sealed class TextStream : RecordingStream
{
    /// <summary>The open file, after the first write.</summary>
    private StreamWriter? _writer;

    /// <summary>Creates the stream.</summary>
    public TextStream(StreamLocation location, RecordingOptions options)
        : base(location, RecordingKind.Text, options)
    {
    }

    /// <inheritdoc />
    protected override string MainPath => Location.PathFor(".txt");

    /// <inheritdoc />
    protected override object Prepare(object value) => value as string ?? value.ToString() ?? string.Empty;

    /// <inheritdoc />
    protected override async ValueTask WriteAsync(object prepared, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        _writer ??= new StreamWriter(RecordingFiles.Create(MainPath), new UTF8Encoding(false)) { NewLine = "\n" };
        await _writer.WriteLineAsync((string)prepared).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async ValueTask CloseAsync(CancellationToken cancellationToken) => await AbortAsync().ConfigureAwait(false);

    /// <inheritdoc />
    protected override async ValueTask AbortAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            _writer = null;
        }
    }
}
