using Chimera.Runtime;

namespace Chimera.Remote;

/// <summary>An edge this worker sends on: offered until a receiver's handshake claims it, then running until it ends.</summary>
internal sealed class OutgoingEdge : IDisposable
{
    /// <summary>Set once nothing of the edge runs any more.</summary>
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the offer of <paramref name="edge"/> in <paramref name="runId"/>, draining <paramref name="source"/>.</summary>
    public OutgoingEdge(string runId, BlueprintEdge edge, EdgeChannel source) =>
        Handle = new RemoteEdgeHandle(runId, edge, RemoteEdgeRole.Sender, source);

    /// <summary>Completion and counters.</summary>
    public RemoteEdgeHandle Handle { get; }

    /// <summary>The run.</summary>
    public string RunId => Handle.RunId;

    /// <summary>The edge id.</summary>
    public string EdgeId => Handle.Edge.Id;

    /// <summary>Stops the sender when the run is withdrawn.</summary>
    public CancellationTokenSource Cancel { get; } = new();

    /// <summary>Whether a receiver's handshake claimed the edge. Guarded by the data plane's lock.</summary>
    public bool Subscribed { get; set; }

    /// <summary>Whether the edge ended before anyone subscribed (timeout or withdrawal). Guarded by the data plane's lock.</summary>
    public bool Closed { get; set; }

    /// <summary>Fails the edge if nobody subscribes in time.</summary>
    public ITimer? SubscriptionTimer { get; set; }

    /// <summary>Completes once nothing of the edge runs any more.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>Marks the edge stopped.</summary>
    public void MarkStopped() => _stopped.TrySetResult();

    /// <inheritdoc />
    public void Dispose()
    {
        SubscriptionTimer?.Dispose();
        Cancel.Dispose();
    }
}
