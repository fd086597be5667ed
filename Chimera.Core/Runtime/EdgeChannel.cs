using System.Threading.Channels;

namespace Chimera.Runtime;

/// <summary>
/// The in-process half of an edge: a bounded channel with the edge's overflow policy and its counters. The producer
/// stage writes, the consumer stage reads; a remote edge has one of these on each side of the stream reference.
/// </summary>
internal sealed class EdgeChannel
{
    private readonly Channel<DataChunk> _channel;
    private long _sent;
    private long _received;
    private long _dropped;

    public EdgeChannel(BlueprintEdge edge)
    {
        Edge = edge;
        var options = new BoundedChannelOptions(edge.Overflow == OverflowPolicy.Latest ? 1 : edge.Capacity)
        {
            FullMode = edge.Overflow == OverflowPolicy.Backpressure ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        };
        _channel = Channel.CreateBounded<DataChunk>(options, _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>The blueprint edge this channel carries.</summary>
    public BlueprintEdge Edge { get; }

    /// <summary>Elements written by the producer, including those later dropped.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Elements taken by the consumer.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Elements dropped by the overflow policy.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Elements waiting in the buffer.</summary>
    public int QueueDepth => _channel.Reader.CanCount ? _channel.Reader.Count : 0;

    /// <summary>Whether the producer side has completed.</summary>
    public bool IsCompleted => _channel.Reader.Completion.IsCompleted;

    /// <summary>Writes one element, waiting for room under backpressure.</summary>
    public ValueTask WriteAsync(DataChunk chunk, CancellationToken cancellationToken)
    {
        if (_channel.Writer.TryWrite(chunk))
        {
            Interlocked.Increment(ref _sent);
            return ValueTask.CompletedTask;
        }

        return WriteSlowAsync(chunk, cancellationToken);
    }

    /// <summary>Writes one element if the buffer has room (or the policy drops to make room); never waits.</summary>
    public bool TryWrite(DataChunk chunk)
    {
        if (_channel.Writer.TryWrite(chunk))
        {
            Interlocked.Increment(ref _sent);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Waits until the buffer has room for one more element (at once under a dropping policy); false when the edge
    /// completed. Observation only, for the TestKit's publisher probes, which report free room as demand.
    /// </summary>
    public ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken) =>
        _channel.Writer.WaitToWriteAsync(cancellationToken);

    /// <summary>Waits until an element can be read; false when the edge completed and is empty.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) =>
        _channel.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Takes one element if one is buffered.</summary>
    public bool TryRead(out DataChunk chunk)
    {
        if (_channel.Reader.TryRead(out chunk!))
        {
            Interlocked.Increment(ref _received);
            return true;
        }

        return false;
    }

    /// <summary>Marks the producer side finished; the consumer drains what is buffered, then sees the end.</summary>
    public void Complete(Exception? error = null) => _channel.Writer.TryComplete(error);

    private async ValueTask WriteSlowAsync(DataChunk chunk, CancellationToken cancellationToken)
    {
        await _channel.Writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _sent);
    }
}
