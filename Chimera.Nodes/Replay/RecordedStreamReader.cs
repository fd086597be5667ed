using System.Globalization;
using System.Text.Json;

namespace Chimera.Nodes;

/// <summary>
/// Reads back one stream of a recorded run, entry by entry: <c>name.csv</c> (rows as column → value dictionaries,
/// the <c>timestamp</c> column giving the time), <c>name.jsonl</c> (each line's <c>value</c> as a
/// <see cref="JsonElement"/>, at its <c>timestamp</c>), or <c>name.txt</c> (lines, which carry no time).
/// </summary>
internal sealed class RecordedStreamReader : IDisposable
{
    /// <summary>The reserved time column of tabular recordings.</summary>
    private const string TimestampColumn = "timestamp";

    private readonly StreamReader _reader;
    private readonly CsvRecordReader? _csv;
    private readonly string _kind;
    private List<string>? _header;
    private long _line;

    private RecordedStreamReader(string path)
    {
        Path = path;
        _kind = System.IO.Path.GetExtension(path).ToLowerInvariant();
        _reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        _csv = _kind == ".csv" ? new CsvRecordReader(_reader) : null;
    }

    /// <summary>The file being read.</summary>
    public string Path { get; }

    /// <summary>Whether typed values are restored from CSV text (see <see cref="ReplayCell"/>); otherwise cells stay strings.</summary>
    public bool ParseValues { get; init; } = true;

    /// <summary>Opens a recorded stream file.</summary>
    /// <exception cref="ArgumentException">The file is not a <c>.csv</c>, <c>.jsonl</c> or <c>.txt</c> recording.</exception>
    public static RecordedStreamReader Open(string path, bool parseValues)
    {
        var kind = System.IO.Path.GetExtension(path).ToLowerInvariant();
        if (kind is not (".csv" or ".jsonl" or ".txt"))
        {
            throw new ArgumentException($"{path} is not a replayable recording; expected a .csv, .jsonl or .txt stream.", nameof(path));
        }

        return new RecordedStreamReader(path) { ParseValues = parseValues };
    }

    /// <summary>The next entry, or <see langword="null"/> at the end of the stream.</summary>
    /// <exception cref="InvalidDataException">The file is malformed; the message names the file and the line.</exception>
    public async Task<ReplayEntry?> ReadAsync(CancellationToken cancellationToken)
    {
        return _kind switch
        {
            ".csv" => await ReadRowAsync(cancellationToken).ConfigureAwait(false),
            ".jsonl" => await ReadJsonAsync(cancellationToken).ConfigureAwait(false),
            _ => await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text ? new ReplayEntry(null, text) : null,
        };
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();

    private async Task<ReplayEntry?> ReadRowAsync(CancellationToken cancellationToken)
    {
        if (_header is null)
        {
            _header = await _csv!.ReadAsync(cancellationToken).ConfigureAwait(false);
            _line++;
            if (_header is null)
            {
                return null;
            }
        }

        List<string>? fields;
        do
        {
            fields = await _csv!.ReadAsync(cancellationToken).ConfigureAwait(false);
            _line++;
        }
        while (fields is [""]);

        if (fields is null)
        {
            return null;
        }

        DateTimeOffset? timestamp = null;
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < _header.Count; i++)
        {
            var cell = i < fields.Count ? fields[i] : string.Empty;
            if (i == 0 && _header[0] == TimestampColumn)
            {
                timestamp = ParseTime(cell);
                continue;
            }

            row[_header[i]] = ParseValues ? ReplayCell.Parse(cell) : cell;
        }

        return new ReplayEntry(timestamp, row);
    }

    private async Task<ReplayEntry?> ReadJsonAsync(CancellationToken cancellationToken)
    {
        string? text;
        do
        {
            text = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            _line++;
        }
        while (text is { Length: 0 });

        if (text is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var timestamp = root.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.String ? ParseTime(t.GetString()!) : null;
            var value = root.TryGetProperty("value", out var v) ? v.Clone() : root.Clone();
            return new ReplayEntry(timestamp, value);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{Path}, line {_line}: not a JSON object ({ex.Message}).", ex);
        }
    }

    private DateTimeOffset? ParseTime(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new InvalidDataException($"{Path}, line {_line}: '{text}' is not an ISO-8601 timestamp.");
    }
}
