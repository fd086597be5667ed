using Chimera.Wire;
using Microsoft.Extensions.Logging;

namespace Chimera.Remote;

/// <summary>Turns whatever stopped an edge into one <see cref="RemoteEdgeException"/> that names the edge, the peer and the worker.</summary>
internal static class EdgeFailure
{
    /// <summary>Wraps <paramref name="error"/> (logging wire errors the way every transport does) unless it already is an edge failure.</summary>
    public static RemoteEdgeException Normalize(Exception error, string where, string edge, string peer, ILogger logger)
    {
        switch (error)
        {
            case RemoteEdgeException edgeError:
                return edgeError;
            case WireFormatException wire:
                WireLog.ConnectionFailed(logger, peer, edge, wire.Message, wire);
                return new RemoteEdgeException(RemoteMessages.Malformed(where, wire.Message), edge, peer, wire);
            case IOException or InvalidOperationException or ObjectDisposedException:
                return new RemoteEdgeException(RemoteMessages.ConnectionLost(where, error.Message), edge, peer, error);
            default:
                return new RemoteEdgeException(RemoteMessages.Unexpected(where, error), edge, peer, error);
        }
    }

    /// <summary>Awaits a loop that was cancelled, ignoring how it ended: its outcome was already taken into account.</summary>
    public static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The first failure decides the edge's outcome; the other loops only stop.
        }
    }
}
