namespace Chimera.Wire;

/// <summary>
/// A value being received in place: the first <see cref="Length"/> bytes of <see cref="Destination"/> receive the last
/// bytes of its record's payload, and <see cref="Value"/> is what the record holds once they have all arrived.
/// </summary>
/// <remarks>
/// A class, not a struct: the decoder passes "no placed value" through every small element's decode, where a reference
/// costs one register and a nullable struct of this size cost each element ~10 ns with fully optimized code.
/// For a numeric array the value is the destination itself and every payload byte is placed. A raw image frame keeps
/// its pixels in a pooled buffer that is longer than they are, and its payload starts with a header (format, size)
/// that the decoder reads from the message's head before allocating: those <see cref="Skipped"/> bytes stay in the
/// head, and only the pixels are placed.
/// </remarks>
/// <param name="Value">What the record will hold.</param>
/// <param name="Destination">The array whose first <paramref name="Length"/> bytes receive the placed bytes.</param>
/// <param name="Length">How many bytes are placed.</param>
/// <param name="Skipped">How many bytes at the start of the record's payload were read from the head instead of placed.</param>
internal sealed record PlacedValue(object Value, Array Destination, int Length, int Skipped);
