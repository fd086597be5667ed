using System.Buffers;
using System.Runtime.InteropServices;

namespace Chimera.Wire;

/// <summary>
/// Rebuilds a payload the sender split into a start frame and continuation frames, in one buffer rented from
/// <see cref="ArrayPool{T}.Shared"/>. Its own cap, <see cref="WireSettings.MaxElementSize"/>, bounds the total so a
/// peer cannot stream continuation frames forever.
/// </summary>
/// <remarks>
/// A data chunk whose last record is a large numeric array (a block of samples, a depth map) or a raw image frame is
/// placed instead: the chunk's codec reads the start frame's head and allocates the value the record will hold, only
/// the head is assembled, and every later byte is copied from the connection's buffer straight into that value's
/// memory (<see cref="PlacedSpan"/>), or received there by the transport without the copy
/// (<see cref="FrameReader.DirectTarget"/>). Assembling it whole would copy the megabytes twice, the second time from a
/// buffer long out of the cache.
/// </remarks>
internal sealed class FrameAssembler : IDisposable
{
    /// <summary>The caps.</summary>
    private readonly WireSettings _settings;

    /// <summary>The codec that places data chunks' large values, or <see langword="null"/> to assemble every message whole.</summary>
    private readonly DataChunkCodec? _placer;

    /// <summary>The value being received in place, or <see langword="null"/>.</summary>
    private PlacedValue? _placed;

    /// <summary>How many bytes of <see cref="_placed"/> the sender declared.</summary>
    private int _placedLength;

    /// <summary>How many bytes of <see cref="_placed"/> are written.</summary>
    private int _placedFilled;

    /// <summary>The rented buffer holding the bytes so far, or an empty array.</summary>
    private byte[] _buffer = [];

    /// <summary>How many bytes of <see cref="_buffer"/> are filled.</summary>
    private int _length;

    /// <summary>The length of the last message assembled, so the next one can rent its whole buffer at once.</summary>
    private int _lastLength;

    /// <summary>Creates an assembler enforcing the caps of <paramref name="settings"/>; <paramref name="placer"/> places large values (see remarks).</summary>
    public FrameAssembler(WireSettings settings, DataChunkCodec? placer = null)
    {
        _settings = settings;
        _placer = placer;
    }

    /// <summary>Whether a chunked message has started and not yet finished.</summary>
    public bool IsActive { get; private set; }

    /// <summary>The type of the message being assembled.</summary>
    public FrameType Type { get; private set; }

    /// <summary>The sequence number of the message being assembled; continuation frames must repeat it.</summary>
    public long Sequence { get; private set; }

    /// <summary>Starts a message with the payload of its first frame.</summary>
    public void Start(FrameType type, long sequence, ReadOnlySequence<byte> payload)
    {
        if (TryStartPlaced(type, sequence, payload))
        {
            return;
        }

        Begin(type, sequence);

        // Streams of large elements tend to repeat one size: renting what the last message needed up front saves the
        // doubling's re-copies (1 + 2 + 4 MiB for a 6 MB element). A first frame longer than that still grows as before.
        if (_lastLength > _buffer.Length)
        {
            Grow(_lastLength);
        }

        Append(payload);
    }

    /// <summary>
    /// Starts a message whose last value is received in place (see remarks on the class) from the first bytes of its
    /// first frame, which may be only part of that frame; does nothing and returns <see langword="false"/> when the
    /// message is not one, or when <paramref name="head"/> is too short to tell.
    /// </summary>
    /// <exception cref="WireFormatException">The head and value together exceed <see cref="WireSettings.MaxElementSize"/>.</exception>
    public bool TryStartPlaced(FrameType type, long sequence, ReadOnlySequence<byte> head)
    {
        if (type != FrameType.Data || _placer is null || !_placer.TryPlace(head, out var placement))
        {
            return false;
        }

        Begin(type, sequence);
        StartPlaced(head, placement);
        return true;
    }

    /// <summary>Whether the message being assembled has a value received in place.</summary>
    public bool IsPlacing => _placed is not null;

    /// <summary>
    /// The next unwritten bytes of the value received in place, at most <paramref name="count"/> of them (an empty span
    /// when there is no such value), for a transport to receive into before calling <see cref="AdvancePlaced"/>.
    /// </summary>
    public Span<byte> PlacedSpan(int count) => _placed is null
        ? default
        : PlacedBytes().Slice(_placedFilled, Math.Min(count, _placedLength - _placedFilled));

    /// <summary>Records that the first <paramref name="count"/> bytes of <see cref="PlacedSpan"/> were written.</summary>
    public void AdvancePlaced(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _placedLength - _placedFilled);
        _placedFilled += count;
    }

    /// <summary>Adds the payload of a continuation frame.</summary>
    /// <exception cref="WireFormatException">The message would exceed <see cref="WireSettings.MaxElementSize"/>.</exception>
    public void Append(ReadOnlySequence<byte> payload)
    {
        if (_placed is not null)
        {
            Place(payload);
            return;
        }

        var total = _length + payload.Length;
        if (total > _settings.MaxElementSize)
        {
            throw new WireFormatException(WireMessages.ElementTooLarge(total, _settings.MaxElementSize));
        }

        if (total > _buffer.Length)
        {
            Grow((int)total);
        }

        payload.CopyTo(_buffer.AsSpan(_length));
        _length = (int)total;
    }

    /// <summary>Ends the message and returns it; its payload stays valid until the next <see cref="Start"/> or <see cref="Reset"/>.</summary>
    /// <exception cref="WireFormatException">A value received in place got fewer bytes than its record declared.</exception>
    public Frame Complete()
    {
        IsActive = false;
        var placed = _placed;
        _placed = null;
        if (placed is not null && _placedFilled != _placedLength)
        {
            throw new WireFormatException(WireMessages.PlacedValueShort(_placedFilled, _placedLength));
        }

        // A placed message's head is a few dozen bytes; the next whole message should not rent by it.
        _lastLength = placed is null ? _length : 0;
        return new Frame(Type, Sequence, new ReadOnlySequence<byte>(_buffer, 0, _length), placed);
    }

    /// <summary>Forgets the last message and gives a large buffer back to the pool so an idle connection does not keep it.</summary>
    public void Reset()
    {
        IsActive = false;
        _length = 0;
        _placed = null;
        if (_buffer.Length > _settings.MaxFrameSize * 4)
        {
            ReturnBuffer();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        IsActive = false;
        _length = 0;
        _placed = null;
        ReturnBuffer();
    }

    /// <summary>Marks a message of <paramref name="type"/> and <paramref name="sequence"/> as started, with nothing assembled yet.</summary>
    private void Begin(FrameType type, long sequence)
    {
        IsActive = true;
        Type = type;
        Sequence = sequence;
        _length = 0;
    }

    /// <summary>Keeps the head of a placed message and writes the rest of the start frame into its value.</summary>
    /// <exception cref="WireFormatException">The head and value together exceed <see cref="WireSettings.MaxElementSize"/>.</exception>
    private void StartPlaced(ReadOnlySequence<byte> payload, ValuePlacement placement)
    {
        var valueLength = placement.Placed.Length;
        if (valueLength < 0 || Buffer.ByteLength(placement.Placed.Destination) < valueLength)
        {
            // Writing past the array's end would corrupt memory: a decoder that allocated too little is a bug.
            throw new InvalidOperationException($"A value to be received in place has room for {Buffer.ByteLength(placement.Placed.Destination)} bytes, not {valueLength}.");
        }

        var total = (long)placement.PrefixLength + valueLength;
        if (total > _settings.MaxElementSize)
        {
            throw new WireFormatException(WireMessages.ElementTooLarge(total, _settings.MaxElementSize));
        }

        if (placement.PrefixLength > _buffer.Length)
        {
            Grow(placement.PrefixLength);
        }

        payload.Slice(0, placement.PrefixLength).CopyTo(_buffer);
        _length = placement.PrefixLength;
        _placed = placement.Placed;
        _placedLength = valueLength;
        _placedFilled = 0;
        Place(payload.Slice(placement.PrefixLength));
    }

    /// <summary>Copies a frame's bytes into the value being received in place.</summary>
    /// <exception cref="WireFormatException">More bytes arrived than the value's record declared.</exception>
    private void Place(ReadOnlySequence<byte> payload)
    {
        if (payload.Length > _placedLength - _placedFilled)
        {
            throw new WireFormatException(WireMessages.PlacedValueLong(_placedFilled + payload.Length, _placedLength));
        }

        payload.CopyTo(PlacedBytes()[_placedFilled..]);
        _placedFilled += (int)payload.Length;
    }

    /// <summary>The bytes the value being received in place takes its placed bytes in.</summary>
    private Span<byte> PlacedBytes() =>
        MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(_placed!.Destination), _placedLength);

    /// <summary>Rents a buffer at least <paramref name="required"/> long, doubling to keep copies amortized.</summary>
    private void Grow(int required)
    {
        var size = (int)Math.Min(Math.Max(required, (long)_buffer.Length * 2), Math.Max(required, _settings.MaxElementSize));
        var next = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _length).CopyTo(next);
        ReturnBuffer();
        _buffer = next;
    }

    /// <summary>Returns the buffer to the pool.</summary>
    private void ReturnBuffer()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
    }
}
