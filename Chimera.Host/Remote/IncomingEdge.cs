namespace Chimera.Remote;

/// <summary>An edge this worker receives on: its handle, its cancellation and its receive loop, which the data plane owns and awaits.</summary>
internal sealed class IncomingEdge : IDisposable
{
    /// <summary>Creates the receiving end of <paramref name="handle"/>'s edge.</summary>
    public IncomingEdge(RemoteEdgeHandle handle, CancellationToken shutdown)
    {
        Handle = handle;
        Cancel = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
    }

    /// <summary>Completion and counters.</summary>
    public RemoteEdgeHandle Handle { get; }

    /// <summary>The run.</summary>
    public string RunId => Handle.RunId;

    /// <summary>Stops the receiver when the run is withdrawn or the plane shuts down.</summary>
    public CancellationTokenSource Cancel { get; }

    /// <summary>The receive loop, once connected.</summary>
    public Task Running { get; set; } = Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => Cancel.Dispose();
}
