using System.Buffers;

namespace Chimera.Wire;

/// <summary>
/// A built-in value codec whose decoding needs nothing of the record header (numbers, numeric arrays), so the reader
/// builds the record once, with its value, instead of a header first and a copy with the value after.
/// </summary>
internal interface IHeaderFreeDecoder
{
    /// <summary>Reads a value written by the codec's <see cref="IValueCodec.Encode"/>, as <see cref="IValueCodec.Decode"/> does.</summary>
    /// <exception cref="WireFormatException">The bytes are not a valid value of this codec.</exception>
    object? Decode(ReadOnlySequence<byte> payload);

    /// <summary>
    /// The same for a payload in one piece, the common case (a batch is read whole from one buffer): no sequence is
    /// built around each value.
    /// </summary>
    /// <exception cref="WireFormatException">The bytes are not a valid value of this codec.</exception>
    object? Decode(ReadOnlySpan<byte> payload);
}
