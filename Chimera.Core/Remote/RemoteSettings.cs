using System.Globalization;
using Chimera.Wire;

namespace Chimera.Remote;

/// <summary>
/// Settings of stream references, the cross-worker edges (HOCON section <c>chimera.remote</c>; each property maps to
/// the kebab-case key of its name, e.g. <see cref="BufferCapacity"/> ⇄ <c>chimera.remote.buffer-capacity</c>).
/// </summary>
/// <remarks>Setters validate and throw <see cref="ArgumentOutOfRangeException"/> naming the HOCON key, so a bad
/// configuration fails at startup instead of on the first element.</remarks>
public sealed class RemoteSettings
{
    /// <summary>The shortest interval or deadline accepted: below this, timers cost more than they detect.</summary>
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest interval or deadline accepted.</summary>
    private static readonly TimeSpan MaxInterval = TimeSpan.FromHours(1);

    /// <summary>Backing field of <see cref="BufferCapacity"/>.</summary>
    private int _bufferCapacity = 4096;

    /// <summary>Backing field of <see cref="BufferBytes"/>.</summary>
    private int _bufferBytes = 32 * 1024 * 1024;

    /// <summary>Backing field of <see cref="DemandRedeliveryInterval"/>.</summary>
    private TimeSpan _demandRedeliveryInterval = TimeSpan.FromSeconds(1);

    /// <summary>Backing field of <see cref="SubscriptionTimeout"/>.</summary>
    private TimeSpan _subscriptionTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Backing field of <see cref="PingInterval"/>.</summary>
    private TimeSpan _pingInterval = TimeSpan.FromSeconds(1);

    /// <summary>Backing field of <see cref="FinalTerminationDeadline"/>.</summary>
    private TimeSpan _finalTerminationDeadline = TimeSpan.FromSeconds(5);

    /// <summary>Backing field of <see cref="HandshakeTimeout"/>.</summary>
    private TimeSpan _handshakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Backing field of <see cref="BatchMaxElements"/>.</summary>
    private int _batchMaxElements = 256;

    /// <summary>Backing field of <see cref="BatchMaxBytes"/>.</summary>
    private int _batchMaxBytes = 64 * 1024;

    /// <summary>Backing field of <see cref="InlineAfterIdle"/>.</summary>
    private TimeSpan _inlineAfterIdle = TimeSpan.FromMicroseconds(200);

    /// <summary>Backing field of <see cref="Wire"/>.</summary>
    private WireSettings _wire = new();

    /// <summary>
    /// The credit window: how many elements the receiver lets the sender have in flight beyond those it handed to the
    /// edge's local buffer. Memory on the receiving worker is bounded by this plus the edge's capacity, and in bytes by
    /// <see cref="BufferBytes"/>.
    /// </summary>
    /// <value>From 1 to 1,048,576. Defaults to 4,096: with small elements the sender then rarely waits for demand to
    /// come back (at 256, remote.small.throughput was 0.98 M msg/s and 1.75 µs of CPU per element; at 4,096, 1.84 M
    /// and 0.97 µs, same machine and hour); large elements are held to <see cref="BufferBytes"/> instead.</value>
    public int BufferCapacity
    {
        get => _bufferCapacity;
        set => _bufferCapacity = Validate(value, 1, 1024 * 1024, "buffer-capacity");
    }

    /// <summary>
    /// The bytes a cross-worker edge lets be in flight and buffered on the receiving side, as a bound next to
    /// <see cref="BufferCapacity"/>: the receiver grants credit for at most this many bytes' worth of elements, judged
    /// by the average encoded size of the elements it received so far. So one setting serves edges of 8-byte numbers
    /// and of 6 MB frames alike.
    /// </summary>
    /// <value>From 64 KiB to 1 GiB. Defaults to 32 MiB. Until the first elements arrived their size is unknown, and
    /// the receiver assumes one frame (<see cref="WireSettings.MaxFrameSize"/>) each; after a sudden rise in element
    /// size, up to one window of the new size may be in flight before the window shrinks.</value>
    public int BufferBytes
    {
        get => _bufferBytes;
        set => _bufferBytes = Validate(value, 64 * 1024, 1024 * 1024 * 1024, "buffer-bytes");
    }

    /// <summary>
    /// How often the receiver re-sends its cumulative demand even when it has not changed. Demand is a high-water mark,
    /// so a resend is harmless, and it repairs a lost or delayed demand frame.
    /// </summary>
    /// <value>From 10 ms to 1 hour. Defaults to 1 second.</value>
    public TimeSpan DemandRedeliveryInterval
    {
        get => _demandRedeliveryInterval;
        set => _demandRedeliveryInterval = Validate(value, "demand-redelivery-interval");
    }

    /// <summary>
    /// How long an offered outgoing edge waits for its receiver to connect and complete the handshake before it fails.
    /// An edge that completed its handshake is never failed by this timeout.
    /// </summary>
    /// <value>From 10 ms to 1 hour. Defaults to 30 seconds, the same as Akka's stream-ref subscription timeout.</value>
    public TimeSpan SubscriptionTimeout
    {
        get => _subscriptionTimeout;
        set => _subscriptionTimeout = Validate(value, "subscription-timeout");
    }

    /// <summary>How often each side pings its partner; pongs give the round-trip estimate and keep an idle edge alive.</summary>
    /// <value>From 10 ms to 1 hour. Defaults to 1 second.</value>
    public TimeSpan PingInterval
    {
        get => _pingInterval;
        set => _pingInterval = Validate(value, "ping-interval");
    }

    /// <summary>
    /// How long a side goes without hearing any frame from its partner before it declares the partner dead and fails
    /// the edge. After the final completion frame the sender waits for the receiver to close for as long as the
    /// receiver keeps pinging, and gives up after this much silence. Time a receiver spends handling what it read
    /// (a node's step run inline, see <see cref="InlineAfterIdle"/>) is not silence.
    /// </summary>
    /// <value>From 10 ms to 1 hour. Defaults to 5 seconds (five missed pings at the default ping interval).</value>
    public TimeSpan FinalTerminationDeadline
    {
        get => _finalTerminationDeadline;
        set => _finalTerminationDeadline = Validate(value, "final-termination-deadline");
    }

    /// <summary>How long the handshake of a new data connection may take before the connection is closed.</summary>
    /// <value>From 10 ms to 1 hour. Defaults to 10 seconds.</value>
    public TimeSpan HandshakeTimeout
    {
        get => _handshakeTimeout;
        set => _handshakeTimeout = Validate(value, "handshake-timeout");
    }

    /// <summary>The most elements the sender puts into one batch frame (one write, one header).</summary>
    /// <value>From 1 to 1,048,576; never more than <see cref="WireSettings.MaxBatchCount"/> at run time. Defaults to 256.</value>
    public int BatchMaxElements
    {
        get => _batchMaxElements;
        set => _batchMaxElements = Validate(value, 1, 1024 * 1024, "batch-max-elements");
    }

    /// <summary>
    /// The encoded size at which the sender stops adding elements to a batch. An element larger than this is sent on
    /// its own and streamed frame by frame, so it is never copied into a batch.
    /// </summary>
    /// <value>From 64 bytes to 16 MiB. Defaults to 65,536 bytes (64 KiB), a socket buffer's worth.</value>
    public int BatchMaxBytes
    {
        get => _batchMaxBytes;
        set => _batchMaxBytes = Validate(value, 64, 16 * 1024 * 1024, "batch-max-bytes");
    }

    /// <summary>
    /// How long the sending end of an edge must have been idle before the next element is handed to it on the producing
    /// node's thread, instead of waking a thread-pool thread for it; and how long work done on another thread's behalf
    /// may take before it goes back to its own. On a quiet edge that saves two thread hops, each tens of microseconds on
    /// a virtual machine; on a busy edge the sender never waits that long, so producer and sender keep their own threads
    /// and the sender keeps batching.
    /// </summary>
    /// <value>From 0 (never: always wake through the thread pool) to 1 second. Defaults to 200 µs: with the default,
    /// remote.latency.p50 at 1 000 elements/s was about 60 µs, against about 110 µs without. The node an edge feeds steps
    /// on the edge's receive thread whenever it is waiting for elements, quiet edge or busy (on a busy edge that saves the
    /// hand-offs between the receive thread and a pool thread: about a fifth of a small element's cost); while it does,
    /// that edge reads nothing more (its sender waits on credit, as behind any slow node), and the time is not counted as
    /// the partner's silence. Work that takes longer than this is not done there: the sender stops running on the
    /// producer's thread while its sends take longer, and after a delivery whose steps took longer, the next 1, 2, 4, …
    /// deliveries (up to 1024) go through the pool. 0 also keeps the node off the receive thread.</value>
    public TimeSpan InlineAfterIdle
    {
        get => _inlineAfterIdle;
        set
        {
            if (value < TimeSpan.Zero || value > TimeSpan.FromSeconds(1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(
                    CultureInfo.InvariantCulture, $"chimera.remote.inline-after-idle = {value} is invalid; expected a duration from 0 to 1 second."));
            }

            _inlineAfterIdle = value;
        }
    }

    /// <summary>
    /// Whether the sending end of a plain (non-TLS) edge writes to its socket itself once the receiver has answered the
    /// handshake, instead of through the data listener's transport pipe: a large value's bytes then go from its own
    /// memory to the socket without being copied into the pipe first.
    /// </summary>
    /// <value>Defaults to <see langword="true"/>. <see langword="false"/> sends every byte through Kestrel's pipe, as TLS
    /// connections always do (their socket carries the encrypted stream); with the default, 6 MB elements took ~0.5 ms
    /// less CPU each on the benchmark VM.</value>
    public bool WriteToSocket { get; set; } = true;

    /// <summary>The wire codec's limits (section <c>chimera.wire</c>), used for every frame of a stream reference.</summary>
    /// <value>Defaults to a new <see cref="WireSettings"/>.</value>
    public WireSettings Wire
    {
        get => _wire;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _wire = value;
        }
    }

    /// <summary>Checks an integer setting against its range.</summary>
    private static int Validate(int value, int min, int max, string key)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(
                CultureInfo.InvariantCulture, $"chimera.remote.{key} = {value} is invalid; expected an integer from {min:N0} to {max:N0}."));
        }

        return value;
    }

    /// <summary>Checks a duration setting against its range.</summary>
    private static TimeSpan Validate(TimeSpan value, string key)
    {
        if (value < MinInterval || value > MaxInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(
                CultureInfo.InvariantCulture, $"chimera.remote.{key} = {value} is invalid; expected a duration from 10 ms to 1 hour."));
        }

        return value;
    }
}
