using Microsoft.Extensions.Logging;

namespace Chimera.Wire;

/// <summary>Log messages of the wire codec (event ids 3000-3099), so transports report wire failures the same way.</summary>
internal static partial class WireLog
{
    /// <summary>A connection delivered bytes that are not valid Chimera frames and is being closed.</summary>
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning,
        Message = "Closing the data connection from peer \"{Peer}\" on edge \"{Edge}\": {Reason}")]
    public static partial void ConnectionFailed(ILogger logger, string peer, string edge, string reason, Exception exception);
}
