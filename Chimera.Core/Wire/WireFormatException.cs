namespace Chimera.Wire;

/// <summary>
/// Thrown when bytes from the wire are not a valid Chimera frame or value. The connection that delivered them is
/// closed with this message; the process goes on.
/// </summary>
public sealed class WireFormatException : FormatException
{
    /// <summary>Creates the exception with a message that says what was malformed and where.</summary>
    public WireFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that revealed the problem.</summary>
    public WireFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
