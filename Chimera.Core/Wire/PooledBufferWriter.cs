using System.Buffers;

namespace Chimera.Wire;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over arrays rented from <see cref="ArrayPool{T}.Shared"/>, with the one thing
/// a pipe cannot do: patch bytes already written. The encoders reserve a length slot, write the value, then fill in
/// the length, so nothing is encoded twice.
/// </summary>
/// <remarks>Not thread-safe; one per writer. Kept across calls so steady-state encoding does not allocate.</remarks>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    /// <summary>The first buffer size: big enough for typical small chunks.</summary>
    private const int InitialCapacity = 4096;

    /// <summary>The rented buffer, or an empty array after dispose.</summary>
    private byte[] _buffer = [];

    /// <summary>How many bytes have been written.</summary>
    private int _written;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>The bytes written so far, as memory.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>How many bytes have been written.</summary>
    public int WrittenCount => _written;

    /// <summary>Forgets what was written, keeping the buffer for the next message.</summary>
    public void Clear() => _written = 0;

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
        _written = 0;
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

        var required = (long)_written + needed;
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
}
