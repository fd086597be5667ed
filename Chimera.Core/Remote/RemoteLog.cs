using Microsoft.Extensions.Logging;

namespace Chimera.Remote;

/// <summary>Log messages of stream references and the data plane (event ids 5000-5099).</summary>
internal static partial class RemoteLog
{
    /// <summary>An edge finished its handshake and streams.</summary>
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information,
        Message = "Edge \"{Edge}\" of run {RunId} connected on worker \"{Worker}\" as {Role}; peer {Peer}.")]
    public static partial void Connected(ILogger logger, string edge, string runId, string worker, RemoteEdgeRole role, string peer);

    /// <summary>A handshake was refused.</summary>
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning,
        Message = "Refused data connection from peer {Peer} (worker \"{PeerWorker}\") for edge \"{Edge}\" of run {RunId} on worker \"{Worker}\": {Reason}")]
    public static partial void Refused(ILogger logger, string peer, string peerWorker, string edge, string runId, string worker, string reason);

    /// <summary>An edge failed.</summary>
    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "{Reason}")]
    public static partial void Failed(ILogger logger, string reason, Exception? exception);

    /// <summary>An edge completed.</summary>
    [LoggerMessage(EventId = 5003, Level = LogLevel.Information,
        Message = "Edge \"{Edge}\" of run {RunId} completed as {Role} on worker \"{Worker}\": {Elements} elements, {Bytes} bytes.")]
    public static partial void Completed(ILogger logger, string edge, string runId, RemoteEdgeRole role, string worker, long elements, long bytes);

    /// <summary>The sender ran out of credit.</summary>
    [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "Edge \"{Edge}\" paused: no credit (demand {Demand}).")]
    public static partial void Paused(ILogger logger, string edge, long demand);

    /// <summary>The sender got credit again.</summary>
    [LoggerMessage(EventId = 5005, Level = LogLevel.Debug, Message = "Edge \"{Edge}\" resumed: demand {Demand}.")]
    public static partial void Resumed(ILogger logger, string edge, long demand);

    /// <summary>An offered edge was never subscribed.</summary>
    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "{Reason}")]
    public static partial void SubscriptionTimedOut(ILogger logger, string reason);

    /// <summary>The data plane is listening.</summary>
    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Data plane of worker \"{Worker}\" listening on {Endpoint}.")]
    public static partial void Listening(ILogger logger, string worker, string endpoint);

    /// <summary>A data connection failed before naming an edge (garbage, timeout).</summary>
    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning,
        Message = "Closing the data connection from peer {Peer} on worker \"{Worker}\" during the handshake: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, string peer, string worker, string reason);

    /// <summary>A run's edges were withdrawn.</summary>
    [LoggerMessage(EventId = 5009, Level = LogLevel.Debug, Message = "Withdrew {Count} edges of run {RunId} on worker \"{Worker}\".")]
    public static partial void Withdrawn(ILogger logger, int count, string runId, string worker);

    /// <summary>A sending edge switched from the transport's pipe to writing on its socket (large values are no longer copied into the pipe).</summary>
    [LoggerMessage(EventId = 5010, Level = LogLevel.Debug,
        Message = "Edge \"{Edge}\" of run {RunId} on worker \"{Worker}\" writes to its socket directly; peer {Peer}.")]
    public static partial void WritingToSocket(ILogger logger, string edge, string runId, string worker, string peer);
}
