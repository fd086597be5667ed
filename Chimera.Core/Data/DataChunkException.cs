namespace Chimera;

/// <summary>
/// Thrown when a record is read from a <see cref="DataChunk"/> that does not have it, or as a type it does not hold.
/// The message names the record, the expected type and what the chunk actually contains.
/// </summary>
public sealed class DataChunkException : InvalidOperationException
{
    /// <summary>Creates the exception with a message that says what was asked for and what was there.</summary>
    public DataChunkException(string message)
        : base(message)
    {
    }
}
