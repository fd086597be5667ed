using System.Text;
using System.Text.Json;

namespace Chimera.Recording;

/// <summary>
/// <see cref="RecordingKind.Json"/>: <c>name.jsonl</c>, one object per line:
/// <c>{"timestamp":"ISO-8601","unix_ns":…,"value":…}</c>. The value is serialized on the caller's thread, so later
/// changes to the object do not leak into the file and serialization errors reach the node.
/// </summary>
internal sealed class JsonStream : RecordingStream
{
    /// <summary>What closes each line: the object's brace and the newline.</summary>
    private static readonly byte[] s_lineEnd = "}\n"u8.ToArray();

    /// <summary>The open file, after the first write.</summary>
    private Stream? _file;

    /// <summary>Creates the stream.</summary>
    public JsonStream(StreamLocation location, RecordingOptions options)
        : base(location, RecordingKind.Json, options)
    {
    }

    /// <inheritdoc />
    protected override string MainPath => Location.PathFor(".jsonl");

    /// <inheritdoc />
    protected override object Prepare(object value) => JsonSerializer.SerializeToUtf8Bytes(value, value.GetType());

    /// <inheritdoc />
    protected override async ValueTask WriteAsync(object prepared, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        _file ??= RecordingFiles.Create(MainPath);
        var prefix = Encoding.UTF8.GetBytes($"{{\"timestamp\":\"{RecordingFiles.Iso(timestamp)}\",\"unix_ns\":{RecordingFiles.UnixNanoseconds(timestamp)},\"value\":");
        await _file.WriteAsync(prefix, cancellationToken).ConfigureAwait(false);
        await _file.WriteAsync((byte[])prepared, cancellationToken).ConfigureAwait(false);
        await _file.WriteAsync(s_lineEnd, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_file is not null)
        {
            await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override ValueTask CloseAsync(CancellationToken cancellationToken) => AbortAsync();

    /// <inheritdoc />
    protected override async ValueTask AbortAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync().ConfigureAwait(false);
            _file = null;
        }
    }
}
