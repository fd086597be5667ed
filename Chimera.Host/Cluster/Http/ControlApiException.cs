namespace Chimera;

/// <summary>
/// Thrown when a cluster member's control API refuses a request or cannot be reached. The message names the member,
/// the request and the reason the other side gave.
/// </summary>
public sealed class ControlApiException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ControlApiException(string message, int? statusCode = null, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the other side answered with, or <see langword="null"/> when it could not be reached.</summary>
    public int? StatusCode { get; }
}
