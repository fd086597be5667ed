using System.Buffers;

namespace Chimera.Wire;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over arrays rented from <see cref="ArrayPool{T}.Shared"/>, with the one thing
/// a pipe cannot do: patch bytes already written. The encoders reserve a length slot, write the value, then fill in
/// the length, so nothing is encoded twice.
/// </summary>
/// <remarks>Not thread-safe; one per writer. Kept across calls so steady-state encoding does not allocate. A writer
/// with an <see cref="ExternalThreshold"/> may also hold references to large caller-owned blocks instead of copies of
/// them (<see cref="TryAppendExternal"/>); its bytes are then read through <see cref="WrittenSequence"/>.</remarks>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    /// <summary>The first buffer size: big enough for typical small chunks.</summary>
    private const int InitialCapacity = 4096;

    /// <summary>The rented buffer, or an empty array after dispose.</summary>
    private byte[] _buffer = [];

    /// <summary>How many bytes have been written into <see cref="_buffer"/>.</summary>
    private int _written;

    /// <summary>The referenced blocks, each with the position in <see cref="_buffer"/> it comes before, in order.</summary>
    private readonly List<(int Position, ReadOnlyMemory<byte> Block)> _external = [];

    /// <summary>The total length of the referenced blocks.</summary>
    private int _externalLength;

    /// <summary>
    /// The shortest block <see cref="TryAppendExternal"/> references instead of copying. Defaults to
    /// <see cref="int.MaxValue"/> (never): only a caller that reads <see cref="WrittenSequence"/> opts in.
    /// </summary>
    public int ExternalThreshold { get; set; } = int.MaxValue;

    /// <summary>Whether blocks are referenced (then only <see cref="WrittenSequence"/> holds every byte).</summary>
    public bool HasExternal => _external.Count > 0;

    /// <summary>The bytes written so far.</summary>
    /// <exception cref="InvalidOperationException">Blocks are referenced (<see cref="HasExternal"/>): use <see cref="WrittenSequence"/>.</exception>
    public ReadOnlySpan<byte> WrittenSpan => WrittenMemory.Span;

    /// <summary>The bytes written so far, as memory.</summary>
    /// <exception cref="InvalidOperationException">Blocks are referenced (<see cref="HasExternal"/>): use <see cref="WrittenSequence"/>.</exception>
    public ReadOnlyMemory<byte> WrittenMemory => HasExternal
        ? throw new InvalidOperationException("The writer references external blocks; read it through WrittenSequence.")
        : _buffer.AsMemory(0, _written);

    /// <summary>Every byte written so far, referenced blocks included, in order.</summary>
    public ReadOnlySequence<byte> WrittenSequence => HasExternal ? BuildSequence() : new ReadOnlySequence<byte>(_buffer, 0, _written);

    /// <summary>How many bytes have been written, referenced blocks included.</summary>
    public int WrittenCount => _written + _externalLength;

    /// <summary>Forgets what was written (and drops the references), keeping the buffer for the next message.</summary>
    public void Clear()
    {
        _written = 0;
        _external.Clear();
        _externalLength = 0;
    }

    /// <summary>
    /// Appends <paramref name="block"/> by reference when it is at least <see cref="ExternalThreshold"/> long, saving
    /// its copy; the caller must not change it until the writer is cleared.
    /// </summary>
    /// <returns><see langword="false"/> (nothing appended) when the block is shorter: copy it instead.</returns>
    /// <exception cref="WireFormatException">The total would exceed the largest array length.</exception>
    public bool TryAppendExternal(ReadOnlyMemory<byte> block)
    {
        if (block.Length < ExternalThreshold)
        {
            return false;
        }

        var required = (long)WrittenCount + block.Length;
        if (required > Array.MaxLength)
        {
            throw new WireFormatException(WireMessages.ElementTooLargeToEncode(required, Array.MaxLength));
        }

        _external.Add((_written, block));
        _externalLength += block.Length;
        return true;
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _buffer.Length - _written)
        {
            throw new InvalidOperationException("Cannot advance past the end of the buffer.");
        }

        _written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Skips <paramref name="count"/> bytes to be filled in later through <see cref="Patch"/>.</summary>
    /// <returns>The position of the reserved bytes.</returns>
    public int Reserve(int count)
    {
        Ensure(count);
        var position = _written;
        _written += count;
        return position;
    }

    /// <summary>Returns the already written bytes at <paramref name="position"/> for patching.</summary>
    public Span<byte> Patch(int position, int count) => _buffer.AsSpan(position, count);

    /// <inheritdoc />
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        Clear();
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Grows the buffer so at least <paramref name="sizeHint"/> (or one) bytes are free.</summary>
    private void Ensure(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        var required = (long)WrittenCount + needed;
        if (required > Array.MaxLength)
        {
            throw new WireFormatException(WireMessages.ElementTooLargeToEncode(required, Array.MaxLength));
        }

        var size = Math.Max(Math.Max(InitialCapacity, required), Math.Min((long)_buffer.Length * 2, Array.MaxLength));
        var next = ArrayPool<byte>.Shared.Rent((int)size);
        _buffer.AsSpan(0, _written).CopyTo(next);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = next;
    }

    /// <summary>Links the copied runs and the referenced blocks into one sequence, skipping empty runs.</summary>
    private ReadOnlySequence<byte> BuildSequence()
    {
        Segment? first = null;
        Segment? last = null;
        var copied = 0;
        foreach (var (position, block) in _external)
        {
            Append(_buffer.AsMemory(copied, position - copied), ref first, ref last);
            Append(block, ref first, ref last);
            copied = position;
        }

        Append(_buffer.AsMemory(copied, _written - copied), ref first, ref last);
        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    /// <summary>Adds a non-empty run to the list being built.</summary>
    private static void Append(ReadOnlyMemory<byte> memory, ref Segment? first, ref Segment? last)
    {
        if (memory.IsEmpty)
        {
            return;
        }

        var segment = new Segment(memory, last is null ? 0 : last.RunningIndex + last.Memory.Length);
        if (last is null)
        {
            first = segment;
        }
        else
        {
            last.SetNext(segment);
        }

        last = segment;
    }

    /// <summary>One run of <see cref="WrittenSequence"/>.</summary>
    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        /// <summary>Creates a run of <paramref name="memory"/> starting at <paramref name="runningIndex"/>.</summary>
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        /// <summary>Links the next run.</summary>
        public void SetNext(Segment next) => Next = next;
    }
}
