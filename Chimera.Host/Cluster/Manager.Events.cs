using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Chimera;

public sealed partial class Manager
{
    private readonly List<Channel<ClusterEvent>> _subscribers = [];
    private long _droppedEvents;

    /// <summary>Raised for every cluster event (worker joined/unreachable, commit progress, node failures, heartbeats). Handlers must be quick.</summary>
    public event Action<ClusterEvent>? EventRaised;

    /// <summary>Raised after a client asked the manager to shut down through the control API (the <c>chimera manager</c> process then exits).</summary>
    public event Action? ShutdownRequested;

    /// <summary>Events a slow subscriber missed (each subscriber keeps the latest 1024).</summary>
    public long DroppedEvents => Interlocked.Read(ref _droppedEvents);

    /// <summary>
    /// Streams cluster events from now on until cancelled. A subscriber that falls more than 1024 events behind loses
    /// the oldest ones (counted in <see cref="DroppedEvents"/>); the cluster is never slowed by a reader.
    /// </summary>
    public async IAsyncEnumerable<ClusterEvent> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<ClusterEvent>(
            new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _droppedEvents));
        lock (_subscribers)
        {
            _subscribers.Add(channel);
        }

        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
        finally
        {
            lock (_subscribers)
            {
                _subscribers.Remove(channel);
            }
        }
    }

    /// <summary>Calls <paramref name="onHeartbeat"/> for each worker heartbeat (PyE2's <c>on_heartbeat</c>); dispose the result to stop.</summary>
    public IDisposable OnHeartbeat(Action<WorkerStatus> onHeartbeat)
    {
        ArgumentNullException.ThrowIfNull(onHeartbeat);
        void Handler(ClusterEvent e)
        {
            if (e.Kind == "heartbeat" && e.Heartbeat is { } status)
            {
                onHeartbeat(status);
            }
        }

        EventRaised += Handler;
        return new Unsubscriber(() => EventRaised -= Handler);
    }

    internal void RaiseShutdownRequested() => ShutdownRequested?.Invoke();

    private void Publish(ClusterEvent e)
    {
        EventRaised?.Invoke(e);
        lock (_subscribers)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(e);
            }
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
