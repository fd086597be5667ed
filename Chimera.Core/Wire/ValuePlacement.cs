namespace Chimera.Wire;

/// <summary>
/// Where a chunk that arrives over several frames puts its last record's value: the first
/// <see cref="PrefixLength"/> bytes of the message (the chunk and record headers) are assembled as usual, and the bytes
/// after them are received straight into <see cref="Value"/>, whose byte length is the one the record header declares.
/// </summary>
/// <param name="PrefixLength">The bytes of the message before the value.</param>
/// <param name="Value">The array the record will hold, allocated and not yet written.</param>
internal readonly record struct ValuePlacement(int PrefixLength, Array Value);
