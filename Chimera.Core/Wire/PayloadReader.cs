using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Chimera.Wire;

/// <summary>
/// Reads the fields of an untrusted payload. Every length is checked against its cap and against the bytes that are
/// actually left before anything is allocated, and every failure is a <see cref="WireFormatException"/> naming the field.
/// </summary>
internal ref struct PayloadReader
{
    /// <summary>The cursor over a payload of several segments (unused when <see cref="_single"/>).</summary>
    private SequenceReader<byte> _reader;

    /// <summary>A payload in one segment (almost every payload: a batch is read whole from one buffer).</summary>
    private readonly ReadOnlyMemory<byte> _memory;

    /// <summary>The span of <see cref="_memory"/>, read directly: the sequence reader's bookkeeping was a third of decoding a small element.</summary>
    private readonly ReadOnlySpan<byte> _span;

    /// <summary>Whether the payload is one segment, read through <see cref="_span"/>.</summary>
    private readonly bool _single;

    /// <summary>The next byte of <see cref="_span"/> to read.</summary>
    private int _position;

    /// <summary>What is being read ("chunk", "tabular row"), for messages.</summary>
    private readonly string _what;

    /// <summary>Starts reading <paramref name="payload"/>, described as <paramref name="what"/> in errors.</summary>
    public PayloadReader(ReadOnlySequence<byte> payload, string what)
    {
        _what = what;
        if (payload.IsSingleSegment)
        {
            _single = true;
            _memory = payload.First;
            _span = _memory.Span;
        }
        else
        {
            _reader = new SequenceReader<byte>(payload);
        }
    }

    /// <summary>Starts reading the bytes <paramref name="span"/> shows of <paramref name="memory"/> (the same bytes), described as <paramref name="what"/>.</summary>
    private PayloadReader(ReadOnlyMemory<byte> memory, ReadOnlySpan<byte> span, string what)
    {
        _what = what;
        _single = true;
        _memory = memory;
        _span = span;
    }

    /// <summary>The number of bytes not read yet.</summary>
    public readonly long Remaining => _single ? _span.Length - _position : _reader.Remaining;

    /// <summary>Reads one byte.</summary>
    public byte ReadByte(string field)
    {
        if (_single)
        {
            if ((uint)_position >= (uint)_span.Length)
            {
                throw Truncated(field);
            }

            return _span[_position++];
        }

        if (!_reader.TryRead(out var value))
        {
            throw Truncated(field);
        }

        return value;
    }

    /// <summary>Reads a little-endian int64.</summary>
    public long ReadInt64(string field)
    {
        var value = Read<long>(field);
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Reads a little-endian uint32 count or length and checks it against <paramref name="cap"/>.</summary>
    public int ReadCount(string field, int cap, string key)
    {
        var value = ReadUInt32(field);
        if (value > (uint)cap)
        {
            throw new WireFormatException(WireMessages.TooMany(field, value, cap, key));
        }

        return (int)value;
    }

    /// <summary>Reads a little-endian uint32 byte length, checks it against <paramref name="cap"/> and against what is left.</summary>
    public int ReadLength(string field, int cap, string key)
    {
        var value = ReadDeclaredLength(field, cap, key);
        if (value > Remaining)
        {
            throw Truncated(field);
        }

        return value;
    }

    /// <summary>
    /// Reads a little-endian uint32 byte length and checks it against <paramref name="cap"/> only: for a value whose
    /// bytes go on past the part of the payload this reader holds (the head of a message still arriving).
    /// </summary>
    public int ReadDeclaredLength(string field, int cap, string key)
    {
        var value = ReadUInt32(field);
        if (value > (uint)cap)
        {
            throw new WireFormatException(WireMessages.FieldTooLong(field, value, cap, key));
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

        var span = UnreadSpan;
        var value = span.Length >= length
            ? Encoding.UTF8.GetString(span[..length])
            : Encoding.UTF8.GetString(_reader.UnreadSequence.Slice(0, length));
        Advance(length);
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

        var span = UnreadSpan;
        var value = span.Length >= length
            ? names?.Get(span[..length]) ?? Encoding.UTF8.GetString(span[..length])
            : Encoding.UTF8.GetString(_reader.UnreadSequence.Slice(0, length));
        Advance(length);
        return value;
    }

    /// <summary>Returns the next <paramref name="length"/> bytes (already checked by <see cref="ReadLength"/>) without copying.</summary>
    public ReadOnlySequence<byte> ReadSlice(int length)
    {
        if (_single)
        {
            var memory = _memory.Slice(_position, length);
            _position += length;
            return new ReadOnlySequence<byte>(memory);
        }

        var slice = _reader.UnreadSequence.Slice(0, length);
        _reader.Advance(length);
        return slice;
    }

    /// <summary>
    /// Returns a reader of the next <paramref name="length"/> bytes (already checked by <see cref="ReadLength"/>),
    /// described as <paramref name="what"/>, and moves past them: for the elements of a batch, which in a payload of
    /// one segment are read without building a sequence around each.
    /// </summary>
    public PayloadReader ReadNested(int length, string what)
    {
        if (!_single)
        {
            return new PayloadReader(ReadSlice(length), what);
        }

        var nested = new PayloadReader(_memory.Slice(_position, length), _span.Slice(_position, length), what);
        _position += length;
        return nested;
    }

    /// <summary>
    /// Returns the next <paramref name="length"/> bytes (already checked by <see cref="ReadLength"/>) as one span and
    /// moves past them, when the payload is one segment; otherwise reads nothing and returns <see langword="false"/>
    /// (use <see cref="ReadSlice"/>).
    /// </summary>
    public bool TryReadSpan(int length, out ReadOnlySpan<byte> bytes)
    {
        if (!_single)
        {
            bytes = default;
            return false;
        }

        bytes = _span.Slice(_position, length);
        _position += length;
        return true;
    }

    /// <summary>Returns everything not read yet.</summary>
    public ReadOnlySequence<byte> ReadRest()
    {
        if (_single)
        {
            var memory = _memory[_position..];
            _position = _span.Length;
            return new ReadOnlySequence<byte>(memory);
        }

        var rest = _reader.UnreadSequence;
        _reader.AdvanceToEnd();
        return rest;
    }

    /// <summary>Fails if bytes are left after the last field: a sign of a wrong length somewhere.</summary>
    public readonly void EnsureEnd()
    {
        if (Remaining != 0)
        {
            throw new WireFormatException(WireMessages.TrailingBytes(Remaining, _what));
        }
    }

    /// <summary>The contiguous bytes at the cursor (in a multi-segment payload, only the current segment's).</summary>
    private readonly ReadOnlySpan<byte> UnreadSpan => _single ? _span[_position..] : _reader.UnreadSpan;

    /// <summary>Reads a little-endian uint32.</summary>
    private uint ReadUInt32(string field)
    {
        var value = Read<uint>(field);
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>
    /// Reads the next <typeparamref name="T"/> in the host's byte order (the callers swap on a big-endian host) and
    /// consumes it; a field may straddle two segments.
    /// </summary>
    private T Read<T>(string field)
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        if (_single)
        {
            if (_span.Length - _position < size)
            {
                throw Truncated(field);
            }

            var value = MemoryMarshal.Read<T>(_span[_position..]);
            _position += size;
            return value;
        }

        T read = default;
        if (!_reader.TryCopyTo(MemoryMarshal.AsBytes(new Span<T>(ref read))))
        {
            throw Truncated(field);
        }

        _reader.Advance(size);
        return read;
    }

    /// <summary>Moves the cursor past <paramref name="count"/> bytes already checked to be there.</summary>
    private void Advance(int count)
    {
        if (_single)
        {
            _position += count;
        }
        else
        {
            _reader.Advance(count);
        }
    }

    /// <summary>Builds the error for a field cut short.</summary>
    private readonly WireFormatException Truncated(string field) => new(WireMessages.Truncated(field, _what));
}
