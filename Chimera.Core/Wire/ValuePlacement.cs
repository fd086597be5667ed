namespace Chimera.Wire;

/// <summary>
/// Where a chunk that arrives over several frames puts its last record's value: the first
/// <see cref="PrefixLength"/> bytes of the message (the chunk and record headers, and any part of the value its
/// decoder read first) are assembled as usual, and the bytes after them are received straight into
/// <see cref="Placed"/>.
/// </summary>
/// <param name="PrefixLength">The bytes of the message before those placed.</param>
/// <param name="Placed">The value and the array its bytes go into, allocated and not yet written.</param>
internal readonly record struct ValuePlacement(int PrefixLength, PlacedValue Placed);
