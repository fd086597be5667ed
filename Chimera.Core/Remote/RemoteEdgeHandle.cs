using Chimera.Runtime;

namespace Chimera.Remote;

/// <summary>
/// One end of a cross-worker edge as the worker sees it: its completion and its counters. The protocol loops update
/// the counters; the worker awaits <see cref="Completion"/> and reads <see cref="Metrics"/>.
/// </summary>
internal sealed class RemoteEdgeHandle
{
    /// <summary>Completes when the stream completed normally; faults with a <see cref="RemoteEdgeException"/> (or the upstream error) otherwise.</summary>
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Elements written to the connection.</summary>
    private long _elementsSent;

    /// <summary>Elements read from the connection.</summary>
    private long _elementsReceived;

    /// <summary>Element bytes written.</summary>
    private long _bytesSent;

    /// <summary>Element bytes read.</summary>
    private long _bytesReceived;

    /// <summary>Flushes of the connection's output: each hands a batch of frames to the transport at once.</summary>
    private long _writes;

    /// <summary>Times the read loop woke with bytes from the connection.</summary>
    private long _reads;

    /// <summary>Credit granted and not used yet.</summary>
    private long _creditOutstanding;

    /// <summary>The smoothed round trip in ticks, or -1 before the first pong.</summary>
    private long _roundTripTicks = -1;

    /// <summary>Creates the handle of one end of <paramref name="edge"/>.</summary>
    public RemoteEdgeHandle(string runId, BlueprintEdge edge, RemoteEdgeRole role, EdgeChannel channel)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(channel);
        RunId = runId;
        Edge = edge;
        Role = role;
        Channel = channel;
    }

    /// <summary>The run (blueprint id) the edge belongs to.</summary>
    public string RunId { get; }

    /// <summary>The blueprint edge.</summary>
    public BlueprintEdge Edge { get; }

    /// <summary>Which end this is.</summary>
    public RemoteEdgeRole Role { get; }

    /// <summary>The local channel: the sender's source or the receiver's target.</summary>
    public EdgeChannel Channel { get; }

    /// <summary>The partner's address once connected.</summary>
    public string? Peer { get; internal set; }

    /// <summary>
    /// Completes when the stream completed normally: for the sender, after the source channel completed, everything
    /// was sent and the completion frame was written; for the receiver, after the completion frame arrived and the
    /// target channel was completed. Faults when the edge failed; cancelled when the run was withdrawn.
    /// </summary>
    public Task Completion => _completion.Task;

    /// <summary>Takes a snapshot of the counters.</summary>
    public RemoteEdgeMetrics Metrics()
    {
        var rtt = Interlocked.Read(ref _roundTripTicks);
        return new RemoteEdgeMetrics(
            Edge.Id,
            Role,
            Peer,
            Interlocked.Read(ref _elementsSent),
            Interlocked.Read(ref _elementsReceived),
            Interlocked.Read(ref _bytesSent),
            Interlocked.Read(ref _bytesReceived),
            Interlocked.Read(ref _creditOutstanding),
            rtt < 0 ? null : TimeSpan.FromTicks(rtt),
            Role == RemoteEdgeRole.Receiver ? Channel.Dropped : 0,
            Interlocked.Read(ref _writes),
            Interlocked.Read(ref _reads));
    }

    /// <summary>Counts one flush of the connection's output.</summary>
    internal void CountWrite() => Interlocked.Increment(ref _writes);

    /// <summary>Counts one wake-up of the read loop with bytes to read.</summary>
    internal void CountRead() => Interlocked.Increment(ref _reads);

    /// <summary>Counts elements written to the connection.</summary>
    internal void AddSent(int elements, long bytes)
    {
        Interlocked.Add(ref _elementsSent, elements);
        Interlocked.Add(ref _bytesSent, bytes);
    }

    /// <summary>Counts elements read from the connection.</summary>
    internal void AddReceived(int elements, long bytes)
    {
        Interlocked.Add(ref _elementsReceived, elements);
        Interlocked.Add(ref _bytesReceived, bytes);
    }

    /// <summary>Records the credit still available.</summary>
    internal void SetCreditOutstanding(long credit) => Interlocked.Exchange(ref _creditOutstanding, credit);

    /// <summary>Folds a measured round trip into the estimate (exponentially weighted, like TCP's SRTT with alpha 1/8).</summary>
    internal void AddRoundTrip(TimeSpan sample)
    {
        var previous = Interlocked.Read(ref _roundTripTicks);
        var next = previous < 0 ? sample.Ticks : previous + ((sample.Ticks - previous) / 8);
        Interlocked.Exchange(ref _roundTripTicks, next);
    }

    /// <summary>Marks the stream completed normally.</summary>
    internal bool TryComplete() => _completion.TrySetResult();

    /// <summary>Marks the edge failed.</summary>
    internal bool TryFail(Exception error) => _completion.TrySetException(error);

    /// <summary>Marks the edge withdrawn before it finished.</summary>
    internal bool TryCancel(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);
}
