using System.Text;

namespace Chimera.Recording;

/// <summary>
/// <see cref="RecordingKind.Tabular"/>: <c>name.csv</c> (RFC 4180, CRLF), header written once: <c>timestamp</c>, then
/// the first row's columns in its order.
/// </summary>
/// <remarks>
/// The first row fixes the columns. A later row may leave columns out (empty cells) but a row with a column the header
/// lacks is refused with an error naming the column: appending a column would mean rewriting a file that readers may
/// already be following, and silently dropping it would lose data.
/// </remarks>
internal sealed class TabularStream : RecordingStream
{
    /// <summary>The reserved first column.</summary>
    private const string TimestampColumn = "timestamp";

    /// <summary>The data columns fixed by the first row, or <see langword="null"/> before it.</summary>
    private string[]? _columns;

    /// <summary>Column name to index in <see cref="_columns"/>.</summary>
    private Dictionary<string, int>? _index;

    /// <summary>The open file, after the first write.</summary>
    private StreamWriter? _writer;

    /// <summary>Reused line buffer (writer thread only).</summary>
    private readonly StringBuilder _line = new();

    /// <summary>Creates the stream.</summary>
    public TabularStream(StreamLocation location, RecordingOptions options)
        : base(location, RecordingKind.Tabular, options)
    {
    }

    /// <inheritdoc />
    protected override string MainPath => Location.PathFor(".csv");

    /// <inheritdoc />
    protected override object Prepare(object value)
    {
        var pairs = TabularRow.Columns(value);
        if (_columns is null)
        {
            var names = pairs.Select(p => p.Key).ToArray();
            if (names.Contains(TimestampColumn, StringComparer.Ordinal))
            {
                throw new ArgumentException(RecordingMessages.ReservedColumn(Location.ToString()), nameof(value));
            }

            _index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
            _columns = names;
        }

        var cells = new object?[_columns.Length];
        foreach (var (key, cell) in pairs)
        {
            if (!_index!.TryGetValue(key, out var i))
            {
                throw new ArgumentException(RecordingMessages.NewColumn(Location.ToString(), key, _columns.Prepend(TimestampColumn)), nameof(value));
            }

            cells[i] = cell;
        }

        return cells;
    }

    /// <inheritdoc />
    protected override async ValueTask WriteAsync(object prepared, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            _writer = new StreamWriter(RecordingFiles.Create(MainPath), new UTF8Encoding(false)) { NewLine = "\r\n" };
            _line.Clear().Append(TimestampColumn);
            foreach (var column in _columns!)
            {
                CsvFormat.AppendField(_line.Append(','), column);
            }

            await _writer.WriteLineAsync(_line.ToString()).ConfigureAwait(false);
        }

        _line.Clear().Append(RecordingFiles.Iso(timestamp));
        foreach (var cell in (object?[])prepared)
        {
            CsvFormat.AppendField(_line.Append(','), CsvFormat.Format(cell));
        }

        await _writer.WriteLineAsync(_line.ToString()).ConfigureAwait(false);
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
    protected override ValueTask CloseAsync(CancellationToken cancellationToken) => AbortAsync();

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
