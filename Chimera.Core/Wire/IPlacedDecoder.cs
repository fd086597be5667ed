namespace Chimera.Wire;

/// <summary>
/// A built-in value codec whose value is its payload's bytes laid out as they are in memory (numeric arrays), so a
/// large value can be received straight into the array the record will hold: the frame assembler copies each
/// continuation frame there as it arrives instead of into a buffer that decoding would copy from again.
/// </summary>
internal interface IPlacedDecoder
{
    /// <summary>Allocates the value a payload of <paramref name="payloadLength"/> bytes decodes to, its bytes not yet written.</summary>
    /// <exception cref="WireFormatException">The length is not a whole number of elements.</exception>
    Array Allocate(int payloadLength);

    /// <summary>Checks a value whose bytes have all been written, as decoding the same bytes would.</summary>
    /// <exception cref="WireFormatException">The bytes are not a valid value of this codec.</exception>
    void Validate(Array value);
}
