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
            _ => Interlocked.Increment(ref _dropped));
    }

    public string Node { get; }

    public ChannelReader<DataChunk> Reader => _channel.Reader;

    /// <summary>Chunks the tap lost because its reader was slow.</summary>
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

        _channel.Writer.TryWrite(chunk);
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
