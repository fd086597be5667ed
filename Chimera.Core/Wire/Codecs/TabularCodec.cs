using System.Buffers;

namespace Chimera.Wire.Codecs;

/// <summary>
/// Encodes a tabular row, a string-keyed dictionary (<see cref="IReadOnlyDictionary{TKey, TValue}"/> or
/// <see cref="IDictionary{TKey, TValue}"/> of <c>string</c> to <c>object?</c>) whose values are all scalars (primitives, strings, dates, null),
/// as a column count then name, tag, length and value per column. Rows are decoded as
/// <c>Dictionary&lt;string, object?&gt;</c> in the sender's column order. Rows holding anything else go to the JSON codec.
/// </summary>
internal sealed class TabularCodec : IValueCodec
{
    /// <summary>What errors call the payload.</summary>
    private const string What = "tabular row";

    /// <summary>The caps on column count and column name length.</summary>
    private readonly WireSettings _settings;

    /// <summary>Creates the codec with the caps of <paramref name="settings"/>.</summary>
    public TabularCodec(WireSettings settings) => _settings = settings;

    /// <inheritdoc />
    public byte Tag => WireTags.Tabular;

    /// <inheritdoc />
    public bool CanEncode(DataRecord record)
    {
        switch (record.Value)
        {
            case Dictionary<string, object?> dictionary:
                foreach (var cell in dictionary)
                {
                    if (!ScalarEncoding.TryGetTag(cell.Value, out _))
                    {
                        return false;
                    }
                }

                return true;
            case IReadOnlyDictionary<string, object?> row:
                foreach (var cell in row)
                {
                    if (!ScalarEncoding.TryGetTag(cell.Value, out _))
                    {
                        return false;
                    }
                }

                return true;
            case IDictionary<string, object?> row:
                foreach (var cell in row)
                {
                    if (!ScalarEncoding.TryGetTag(cell.Value, out _))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <inheritdoc />
    public void Encode(DataRecord record, IBufferWriter<byte> output)
    {
        switch (record.Value)
        {
            case Dictionary<string, object?> dictionary:
                PayloadWriter.WriteCount(output, dictionary.Count, "tabular columns", _settings.MaxColumnsPerRow, "max-columns-per-row");
                foreach (var cell in dictionary)
                {
                    WriteCell(output, cell.Key, cell.Value);
                }

                break;
            case IReadOnlyDictionary<string, object?> row:
                PayloadWriter.WriteCount(output, row.Count, "tabular columns", _settings.MaxColumnsPerRow, "max-columns-per-row");
                foreach (var cell in row)
                {
                    WriteCell(output, cell.Key, cell.Value);
                }

                break;
            case IDictionary<string, object?> row:
                PayloadWriter.WriteCount(output, row.Count, "tabular columns", _settings.MaxColumnsPerRow, "max-columns-per-row");
                foreach (var cell in row)
                {
                    WriteCell(output, cell.Key, cell.Value);
                }

                break;
            default:
                throw new ArgumentException($"Record '{record.Name}' does not hold a tabular row.", nameof(record));
        }
    }

    /// <inheritdoc />
    public object? Decode(ReadOnlySequence<byte> payload, DataRecord record)
    {
        var reader = new PayloadReader(payload, What);
        var count = reader.ReadCount("tabular columns", _settings.MaxColumnsPerRow, "max-columns-per-row");

        // Capacity from the remaining bytes too: each column takes at least 9 bytes, so a lying count cannot pre-allocate.
        var row = new Dictionary<string, object?>((int)Math.Min(count, reader.Remaining / 9), StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString("column name", _settings.MaxNameLength, "max-name-length");
            var tag = reader.ReadByte("column tag");
            if (!ScalarEncoding.IsScalar(tag))
            {
                throw new WireFormatException(WireMessages.InvalidValue(What, $"column '{name}' has tag {tag}, which is not a scalar tag."));
            }

            var length = reader.ReadLength("column value", int.MaxValue, "max-element-size");
            var value = ScalarEncoding.Read(tag, reader.ReadSlice(length));
            if (!row.TryAdd(name, value))
            {
                throw new WireFormatException(WireMessages.DuplicateName("column name", name));
            }
        }

        reader.EnsureEnd();
        return row;
    }

    /// <summary>Writes one column: name, tag, length, value.</summary>
    private void WriteCell(IBufferWriter<byte> output, string name, object? value)
    {
        ScalarEncoding.TryGetTag(value, out var tag);
        PayloadWriter.WriteString(output, name, "column name", _settings.MaxNameLength, "max-name-length");
        PayloadWriter.WriteByte(output, tag);
        PayloadWriter.WriteInt32(output, ScalarEncoding.GetSize(tag, value));
        ScalarEncoding.Write(tag, value, output);
    }
}
