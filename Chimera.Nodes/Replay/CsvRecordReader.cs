using System.Text;

namespace Chimera.Nodes;

/// <summary>
/// Reads RFC 4180 records one at a time: fields separated by commas, quoted fields may hold commas, doubled quotes
/// and line breaks, records end with CRLF or LF — what the recording layer's <c>name.csv</c> writes.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    /// <summary>The field being read (reused).</summary>
    private readonly StringBuilder _field = new();

    /// <summary>The next record's fields, or <see langword="null"/> at the end of the file.</summary>
    /// <exception cref="InvalidDataException">A quoted field is not closed before the end of the file.</exception>
    public async Task<List<string>?> ReadAsync(CancellationToken cancellationToken)
    {
        var fields = new List<string>();
        _field.Clear();
        var quoted = false;
        var any = false;
        var buffer = new char[1];
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (quoted)
                {
                    throw new InvalidDataException("The file ends inside a quoted field.");
                }

                if (!any)
                {
                    return null;
                }

                fields.Add(_field.ToString());
                return fields;
            }

            any = true;
            var c = buffer[0];
            if (quoted)
            {
                if (c != '"')
                {
                    _field.Append(c);
                }
                else if (reader.Peek() == '"')
                {
                    reader.Read();
                    _field.Append('"');
                }
                else
                {
                    quoted = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(_field.ToString());
                    return fields;
                default:
                    _field.Append(c);
                    break;
            }
        }
    }
}
