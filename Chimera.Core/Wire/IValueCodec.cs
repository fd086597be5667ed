using System.Buffers;

namespace Chimera.Wire;

/// <summary>
/// Encodes and decodes the value of one <see cref="DataRecord"/> for the wire. Chimera registers codecs for
/// primitives, strings, byte arrays, numeric arrays, tabular rows, images and JSON objects; users register their own
/// for types that deserve a compact form.
/// </summary>
/// <remarks>A codec must treat <see cref="Decode"/> input as untrusted: malformed bytes throw
/// <see cref="WireFormatException"/>, never anything that could take the process down.</remarks>
public interface IValueCodec
{
    /// <summary>The one-byte tag written before each value this codec encodes; unique in a registry. Tags 0–127 are reserved for Chimera.</summary>
    byte Tag { get; }

    /// <summary>Whether this codec encodes the given record's value.</summary>
    bool CanEncode(DataRecord record);

    /// <summary>Writes the record's value (not its name, content type or timestamp: the frame carries those).</summary>
    void Encode(DataRecord record, IBufferWriter<byte> output);

    /// <summary>Reads a value written by <see cref="Encode"/>.</summary>
    /// <param name="payload">Exactly the bytes <see cref="Encode"/> wrote.</param>
    /// <param name="record">The decoded record header (name, content type, options); its <see cref="DataRecord.Value"/> is <see langword="null"/>.</param>
    /// <exception cref="WireFormatException">The bytes are not a valid value of this codec.</exception>
    object? Decode(ReadOnlySequence<byte> payload, DataRecord record);
}
