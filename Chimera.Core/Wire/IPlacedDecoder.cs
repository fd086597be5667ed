using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Chimera.Wire;

/// <summary>
/// A built-in value codec whose payload ends with bytes laid out as the decoded value keeps them in memory (numeric
/// arrays, raw image pixels), so a large value can be received straight into its own memory: the frame assembler (or
/// the socket, see <see cref="FrameReader.DirectTarget"/>) writes each later byte there as it arrives instead of into
/// a buffer that decoding would copy from again.
/// </summary>
internal interface IPlacedDecoder
{
    /// <summary>
    /// Allocates the value a payload of <paramref name="payloadLength"/> bytes decodes to, its placed bytes not yet
    /// written, when the payload is one this codec receives in place.
    /// </summary>
    /// <param name="head">The payload's first bytes, those that came with the message's head (fewer than the payload).</param>
    /// <param name="payloadLength">The whole payload's length, as the record header declares it.</param>
    /// <param name="placed">The value and where its bytes go.</param>
    /// <returns>
    /// <see langword="false"/> when the payload is to be decoded whole instead (another encoding, too few head bytes to
    /// tell, or anything malformed, which decoding it whole then reports).
    /// </returns>
    bool TryAllocate(ReadOnlySequence<byte> head, int payloadLength, [NotNullWhen(true)] out PlacedValue? placed);

    /// <summary>Checks a value whose bytes have all been placed, as decoding the same bytes would, and returns it.</summary>
    /// <exception cref="WireFormatException">The bytes are not a valid value of this codec.</exception>
    object Complete(PlacedValue placed);
}
