namespace Chimera;

/// <summary>A callback subscription to a node's output (<see cref="Manager.OnData"/>); dispose it to stop.</summary>
public sealed class DataSubscription : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;

    internal DataSubscription(CancellationTokenSource stop, Task pump)
    {
        _stop = stop;
        Completion = pump;
    }

    /// <summary>Completes when every chunk of the tap was handed to the callback and the node ended (or the subscription was disposed).</summary>
    public Task Completion { get; }

    /// <summary>Stops the subscription and waits for the callback to return.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Completion.ConfigureAwait(false);
        _stop.Dispose();
    }
}
