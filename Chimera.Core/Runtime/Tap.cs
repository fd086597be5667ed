using System.Threading.Channels;

namespace Chimera.Runtime;

/// <summary>
/// A read-only subscription to one node's output that never disturbs the graph: the node offers each published chunk
/// without waiting, the tap keeps at most <see cref="Capacity"/> of them and drops the oldest (counted) when its reader
/// is slow, and an optional rate limit samples the stream.
/// </summary>
internal sealed class Tap : IDisposable
{
    public const int Capacity = 64;

    private readonly Channel<DataChunk> _channel;
    private readonly long _minIntervalTicks;
    private readonly TimeProvider _clock;
    private readonly Action<Tap> _detach;
    private long _lastAccepted = long.MinValue;
    private long _dropped;
    private long _skipped;
    private int _disposed;

    public Tap(string node, double? maxRate, TimeProvider clock, Action<Tap> detach)
    {
        if (maxRate is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRate), maxRate, $"The sampling rate of a tap on node '{node}' must be positive, or unset for every element.");
        }

        Node = node;
        _clock = clock;
        _detach = detach;
        _minIntervalTicks = maxRate is { } rate ? (long)(clock.TimestampFrequency / rate) : 0;
        _channel = Channel.CreateBounded<DataChunk>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false },
            dropped =>
            {
                Interlocked.Increment(ref _dropped);
                FrameHolds.Release(dropped);
            });
    }

    public string Node { get; }

    /// <summary>Chunks the tap lost: its reader was slow, or a frame in one had been disposed before the tap could hold it.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Chunks left out on purpose by the sampling rate.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Offers a published chunk; never blocks.</summary>
    public void Offer(DataChunk chunk)
    {
        if (_minIntervalTicks > 0)
        {
            var now = _clock.GetTimestamp();
            var last = Interlocked.Read(ref _lastAccepted);
            if (last != long.MinValue && now - last < _minIntervalTicks)
            {
                Interlocked.Increment(ref _skipped);
                return;
            }

            Interlocked.Exchange(ref _lastAccepted, now);
        }

        // The frames stay readable until the tap's reader is done with the chunk, even if a consumer of the node
        // disposes them first; a frame already gone is not worth showing.
        if (!FrameHolds.TryHold(chunk))
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        if (!_channel.Writer.TryWrite(chunk))
        {
            FrameHolds.Release(chunk);
        }
    }

    /// <summary>
    /// The chunks offered, in order, until the tap completes; each chunk's frames are held until the caller asks for
    /// the next one or stops.
    /// </summary>
    public async IAsyncEnumerable<DataChunk> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var chunk in _channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                yield return chunk;
            }
            finally
            {
                FrameHolds.Release(chunk);
            }
        }
    }

    /// <summary>Ends the tap when the node finished (its reader sees the end after the buffered chunks).</summary>
    public void Complete() => _channel.Writer.TryComplete();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _detach(this);
            _channel.Writer.TryComplete();
        }
    }
}
