using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Chimera.Wire.Codecs;

/// <summary>
/// Encodes arrays (and <see cref="ReadOnlyMemory{T}"/>, <see cref="Memory{T}"/>, <see cref="ArraySegment{T}"/>) of
/// one numeric primitive as their raw little-endian bytes: one block copy each way, no per-element work or boxing.
/// Decoded values are always a fresh <c>T[]</c>.
/// </summary>
/// <typeparam name="T">The element type: a primitive whose in-memory layout is its wire layout on little-endian hosts.</typeparam>
internal sealed class NumericArrayCodec<T> : IValueCodec, IHeaderFreeDecoder, IPlacedDecoder
    where T : unmanaged
{
    /// <summary>The element type's name, for messages.</summary>
    private readonly string _name = typeof(T).Name + "[]";

    /// <summary>Creates the codec under <paramref name="tag"/>.</summary>
    /// <exception cref="PlatformNotSupportedException">The host is big-endian (the raw copy would byte-swap every element).</exception>
    public NumericArrayCodec(byte tag)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Chimera's wire format copies numeric arrays as little-endian memory and needs a little-endian host.");
        }

        Tag = tag;
    }

    /// <inheritdoc />
    public byte Tag { get; }

    /// <inheritdoc />
    public bool CanEncode(DataRecord record) =>
        record.Value is T[] or ReadOnlyMemory<T> or Memory<T> or ArraySegment<T>;

    /// <inheritdoc />
    public void Encode(DataRecord record, IBufferWriter<byte> output)
    {
        ReadOnlySpan<T> values = record.Value switch
        {
            T[] array => array,
            ReadOnlyMemory<T> memory => memory.Span,
            Memory<T> memory => memory.Span,
            ArraySegment<T> segment => segment,
            _ => throw new ArgumentException($"Record '{record.Name}' does not hold a {_name}.", nameof(record)),
        };

        // A large byte block need not be copied into the element buffer when the writer can reference it: the sender
        // streams it straight from the record into the transport. The length is checked first because most values
        // are small, and looking for their bytes as memory cost each one more than the copy it could not save.
        var bytes = MemoryMarshal.AsBytes(values);
        if (output is PooledBufferWriter pooled && bytes.Length >= pooled.ExternalThreshold && AsByteMemory(record.Value) is { } block && pooled.TryAppendExternal(block))
        {
            return;
        }

        PayloadWriter.WriteBlocks(output, bytes);
    }

    /// <inheritdoc />
    public object? Decode(ReadOnlySequence<byte> payload, DataRecord record) => Decode(payload);

    /// <inheritdoc />
    public object? Decode(ReadOnlySequence<byte> payload)
    {
        var array = Allocate(checked((int)payload.Length));
        payload.CopyTo(MemoryMarshal.AsBytes(array.AsSpan()));
        Validate(array);
        return array;
    }

    /// <inheritdoc />
    public object? Decode(ReadOnlySpan<byte> payload)
    {
        var array = Allocate(payload.Length);
        payload.CopyTo(MemoryMarshal.AsBytes(array.AsSpan()));
        Validate(array);
        return array;
    }

    /// <inheritdoc />
    public bool TryAllocate(ReadOnlySequence<byte> head, int payloadLength, [NotNullWhen(true)] out PlacedValue? placed)
    {
        if (payloadLength % Unsafe.SizeOf<T>() != 0)
        {
            placed = null;
            return false;
        }

        var array = Allocate(payloadLength);
        placed = new PlacedValue(array, array, payloadLength, Skipped: 0);
        return true;
    }

    /// <inheritdoc />
    public object Complete(PlacedValue placed)
    {
        Validate((T[])placed.Value);
        return placed.Value;
    }

    /// <summary>Allocates the array a payload of <paramref name="payloadLength"/> bytes decodes to, its elements not yet written.</summary>
    /// <exception cref="WireFormatException">The length is not a whole number of elements.</exception>
    private T[] Allocate(int payloadLength)
    {
        var size = Unsafe.SizeOf<T>();
        if (payloadLength % size != 0)
        {
            throw new WireFormatException(WireMessages.NotWholeElements(_name, payloadLength, size));
        }

        // Every byte is overwritten before the value is used, so zeroing first would only cost time: arrays of
        // megabytes live on the large object heap, where clearing a fresh array touches every page once more.
        return GC.AllocateUninitializedArray<T>(payloadLength / size);
    }

    /// <summary>Checks a decoded array as its element type requires (bools must be 0 or 1).</summary>
    /// <exception cref="WireFormatException">An element is invalid.</exception>
    private void Validate(T[] value)
    {
        if (typeof(T) != typeof(bool))
        {
            return;
        }

        // Any byte other than 0 or 1 would be a bool that compares unequal to both true and false.
        var bytes = MemoryMarshal.AsBytes(value.AsSpan());
        var invalid = bytes.IndexOfAnyExcept((byte)0, (byte)1);
        if (invalid >= 0)
        {
            throw new WireFormatException(WireMessages.InvalidValue(_name, $"element {invalid} is byte {bytes[invalid]}, neither 0 nor 1."));
        }
    }

    /// <summary>The value's bytes as memory when it holds bytes already (no cast needed), otherwise <see langword="null"/>.</summary>
    private static ReadOnlyMemory<byte>? AsByteMemory(object? value) => value switch
    {
        byte[] array => array,
        ReadOnlyMemory<byte> memory => memory,
        Memory<byte> memory => memory,
        ArraySegment<byte> segment => segment,
        _ => null,
    };
}
