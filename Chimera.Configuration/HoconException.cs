namespace Chimera.Configuration;

/// <summary>
/// Reports a HOCON document that cannot be parsed or resolved, or a value read with the wrong type,
/// naming the file, line and column to fix.
/// </summary>
public sealed class HoconException : FormatException
{
    /// <summary>Creates an exception whose message is prefixed with <paramref name="origin"/>.</summary>
    /// <param name="origin">Where the problem is; the message starts with it.</param>
    /// <param name="message">What was expected and what was found.</param>
    public HoconException(HoconOrigin origin, string message)
        : base($"{origin}: {message}")
    {
        File = origin.File;
        Line = origin.Line;
        Column = origin.Column;
        Reason = message;
    }

    /// <summary>Creates an exception with no location, for problems such as a path that is not set at all.</summary>
    /// <param name="message">What was expected and what was found.</param>
    public HoconException(string message)
        : base(message)
    {
        Reason = message;
    }

    /// <summary>The file (or display name) the problem is in, or <see langword="null"/> when there is no location.</summary>
    public string? File { get; }

    /// <summary>The 1-based line of the problem, or 0 when there is no location.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the problem, or 0 when there is no location.</summary>
    public int Column { get; }

    /// <summary>The message without the location prefix, for callers that render the location themselves.</summary>
    public string Reason { get; }
}
