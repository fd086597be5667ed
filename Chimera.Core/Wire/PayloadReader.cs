using System.Buffers;
using System.Text;

namespace Chimera.Wire;

/// <summary>
/// Reads the fields of an untrusted payload. Every length is checked against its cap and against the bytes that are
/// actually left before anything is allocated, and every failure is a <see cref="WireFormatException"/> naming the field.
/// </summary>
internal ref struct PayloadReader
{
    /// <summary>The cursor over the payload.</summary>
    private SequenceReader<byte> _reader;

    /// <summary>What is being read ("chunk", "tabular row"), for messages.</summary>
    private readonly string _what;

    /// <summary>Starts reading <paramref name="payload"/>, described as <paramref name="what"/> in errors.</summary>
    public PayloadReader(ReadOnlySequence<byte> payload, string what)
    {
        _reader = new SequenceReader<byte>(payload);
        _what = what;
    }

    /// <summary>The number of bytes not read yet.</summary>
    public readonly long Remaining => _reader.Remaining;

    /// <summary>Reads one byte.</summary>
    public byte ReadByte(string field)
    {
        if (!_reader.TryRead(out var value))
        {
            throw Truncated(field);
        }

        return value;
    }

    /// <summary>Reads a little-endian int64.</summary>
    public long ReadInt64(string field)
    {
        if (!_reader.TryReadLittleEndian(out long value))
        {
            throw Truncated(field);
        }

        return value;
    }

    /// <summary>Reads a little-endian uint32 count or length and checks it against <paramref name="cap"/>.</summary>
    public int ReadCount(string field, int cap, string key)
    {
        if (!_reader.TryReadLittleEndian(out int raw))
        {
            throw Truncated(field);
        }

        var value = (uint)raw;
        if (value > (uint)cap)
        {
            throw new WireFormatException(WireMessages.TooMany(field, value, cap, key));
        }

        return (int)value;
    }

    /// <summary>Reads a little-endian uint32 byte length, checks it against <paramref name="cap"/> and against what is left.</summary>
    public int ReadLength(string field, int cap, string key)
    {
        if (!_reader.TryReadLittleEndian(out int raw))
        {
            throw Truncated(field);
        }

        var value = (uint)raw;
        if (value > (uint)cap)
        {
            throw new WireFormatException(WireMessages.FieldTooLong(field, value, cap, key));
        }

        if (value > _reader.Remaining)
        {
            throw Truncated(field);
        }

        return (int)value;
    }

    /// <summary>Reads UTC ticks as a <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset ReadTimestamp(string field)
    {
        var ticks = ReadInt64(field);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            throw new WireFormatException(WireMessages.BadTimestamp(field, ticks));
        }

        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    /// <summary>Reads a length-prefixed UTF-8 string of at most <paramref name="cap"/> bytes.</summary>
    /// <remarks>Invalid UTF-8 becomes U+FFFD rather than an error: text is never trusted for anything but display and lookups.</remarks>
    public string ReadString(string field, int cap, string key)
    {
        var length = ReadLength(field, cap, key);
        if (length == 0)
        {
            return string.Empty;
        }

        string value;
        var span = _reader.UnreadSpan;
        if (span.Length >= length)
        {
            value = Encoding.UTF8.GetString(span[..length]);
        }
        else
        {
            value = Encoding.UTF8.GetString(_reader.UnreadSequence.Slice(0, length));
        }

        _reader.Advance(length);
        return value;
    }

    /// <summary>Reads a length-prefixed, non-empty name.</summary>
    public string ReadName(string field, int cap, string key) => ReadName(field, cap, key, null);

    /// <summary>Reads a length-prefixed, non-empty name, taking the string from <paramref name="names"/> when it has it.</summary>
    public string ReadName(string field, int cap, string key, NameCache? names)
    {
        var length = ReadLength(field, cap, key);
        if (length == 0)
        {
            throw new WireFormatException(WireMessages.EmptyName(field));
        }

        var span = _reader.UnreadSpan;
        var value = span.Length >= length
            ? names?.Get(span[..length]) ?? Encoding.UTF8.GetString(span[..length])
            : Encoding.UTF8.GetString(_reader.UnreadSequence.Slice(0, length));
        _reader.Advance(length);
        return value;
    }

    /// <summary>Returns the next <paramref name="length"/> bytes (already checked by <see cref="ReadLength"/>) without copying.</summary>
    public ReadOnlySequence<byte> ReadSlice(int length)
    {
        var slice = _reader.UnreadSequence.Slice(0, length);
        _reader.Advance(length);
        return slice;
    }

    /// <summary>Returns everything not read yet.</summary>
    public ReadOnlySequence<byte> ReadRest()
    {
        var rest = _reader.UnreadSequence;
        _reader.AdvanceToEnd();
        return rest;
    }

    /// <summary>Fails if bytes are left after the last field: a sign of a wrong length somewhere.</summary>
    public readonly void EnsureEnd()
    {
        if (_reader.Remaining != 0)
        {
            throw new WireFormatException(WireMessages.TrailingBytes(_reader.Remaining, _what));
        }
    }

    /// <summary>Builds the error for a field cut short.</summary>
    private readonly WireFormatException Truncated(string field) => new(WireMessages.Truncated(field, _what));
}
