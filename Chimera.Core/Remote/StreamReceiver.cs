using System.Runtime.InteropServices;
using System.Threading.Channels;
using Chimera.Runtime;
using Microsoft.Extensions.Logging;

namespace Chimera.Remote;

/// <summary>
/// The receiving end of a cross-worker edge, after the handshake: grants cumulative credit, checks sequence numbers,
/// decodes elements and hands them to the local target channel (whose overflow policy is the edge's, so drops
/// happen and are counted here), and completes or fails the target when the sender signals. <see cref="RunAsync"/>
/// runs it to the end.
/// </summary>
/// <remarks>
/// Reading never waits on the target: the read loop hands an element straight to the target when it has room and
/// nothing is queued before it; otherwise the element waits in a local queue that the credit bounds to
/// <see cref="RemoteSettings.BufferCapacity"/> elements, and a delivery loop moves it into the target, granting new
/// credit as it does. So pings, completion and failure are seen at once even while a slow sink backpressures.
/// </remarks>
internal sealed partial class StreamReceiver
{
    /// <summary>The connection.</summary>
    private readonly FrameConnection _connection;

    /// <summary>Completion and counters.</summary>
    private readonly RemoteEdgeHandle _handle;

    /// <summary>The local channel fed.</summary>
    private readonly EdgeChannel _target;

    /// <summary>The most queued elements the delivery loop hands to the target under one lock.</summary>
    private const int DeliveryRunMax = 64;

    /// <summary>
    /// How long the node must have waited for its edge before it steps on the receive thread: any wait at all. Unlike the
    /// sender, which runs on its producer's thread only after <see cref="RemoteSettings.InlineAfterIdle"/> of idleness,
    /// the node steps here under load too: on a busy edge it would otherwise run on a pool thread beside this one, and
    /// the hand-offs between them (wake-ups, the elements' cache lines changing cores) cost more than its steps when
    /// they are short. Steps that are not short go back to the pool (<see cref="DeliverTimed"/>).
    /// </summary>
    private static readonly TimeSpan NodeStepsHere = TimeSpan.FromTicks(1);

    /// <summary>The most deliveries that go through the thread pool after a slow inline one.</summary>
    private const int MaxInlineBackoff = 1024;

    /// <summary>Deliveries left to make through the thread pool before the node may step on the receive thread again.</summary>
    private int _inlineSkip;

    /// <summary>How many deliveries the last slow inline delivery cost the inline path (doubles while they stay slow).</summary>
    private int _inlineBackoff;

    /// <summary>The log.</summary>
    private readonly ILogger _logger;

    /// <summary>"Edge … of run … (peer …, worker …)", for messages.</summary>
    private readonly string _where;

    /// <summary>Decoded elements not yet handed to the target; at most the credit window long.</summary>
    private readonly Channel<DataChunk> _queue = Channel.CreateUnbounded<DataChunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>Reused list for decoding batches.</summary>
    private readonly List<DataChunk> _decoded = [];

    /// <summary>The next sequence number expected. Written by the read loop.</summary>
    private long _expected;

    /// <summary>The highest cumulative demand announced. Written by the writer loop before the frame goes out.</summary>
    private long _announced;

    /// <summary>Elements handed to the target, by the read loop or the delivery loop.</summary>
    private long _delivered;

    /// <summary>
    /// Elements in <see cref="_queue"/> or being written by the delivery loop. While it is not zero the read loop
    /// queues instead of writing to the target itself, so elements reach the target in order.
    /// </summary>
    private long _queued;

    /// <summary>A running average of the encoded bytes per element received (0 before the first), for <see cref="Window"/>.</summary>
    private long _averageElementBytes;

    /// <summary>1 when the periodic demand redelivery is due.</summary>
    private int _redeliver;

    /// <summary>The last time demand was (re)sent, for the redelivery interval.</summary>
    private long _lastDemandAt;

    /// <summary>The sender's failure, once its Fail frame arrived; raised after the elements before it were delivered.</summary>
    private RemoteEdgeException? _upstreamFailure;

    /// <summary>Whether the sender signalled (Complete, Fail) or closed, so no Cancel is owed to it.</summary>
    private volatile bool _partnerSignalled;

    /// <summary>Creates the receiving end of <paramref name="handle"/>'s edge over <paramref name="connection"/>.</summary>
    public StreamReceiver(FrameConnection connection, RemoteEdgeHandle handle, string worker, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(logger);
        _connection = connection;
        _handle = handle;
        _target = handle.Channel;
        // A waiting node then steps on the receive thread, saving a hop; the read loop does not count that time as the
        // sender's silence.
        _target.InlineReaderAfterIdle = connection.Settings.InlineAfterIdle > TimeSpan.Zero ? NodeStepsHere : TimeSpan.Zero;
        _logger = logger;
        Worker = worker;
        handle.Peer = connection.Peer;
        connection.Handle = handle;
        _where = RemoteMessages.Where(handle.Edge.Id, handle.RunId, connection.Peer, worker);
        _lastDemandAt = connection.Time.GetTimestamp();
    }

    /// <summary>The local worker's name.</summary>
    public string Worker { get; }

    /// <summary>
    /// The credit window: <see cref="RemoteSettings.BufferCapacity"/> elements, or fewer when that many elements of the
    /// average size seen so far would exceed <see cref="RemoteSettings.BufferBytes"/> (one frame each until one arrived).
    /// </summary>
    private long Window
    {
        get
        {
            var settings = _connection.Settings;
            var average = Volatile.Read(ref _averageElementBytes);
            var size = average > 0 ? average : _connection.Codec.Settings.MaxFrameSize;
            return Math.Clamp(settings.BufferBytes / size, 1, settings.BufferCapacity);
        }
    }

    /// <summary>How much new credit is worth a demand frame: half the window, so the sender never runs dry while it is in flight.</summary>
    private static long ThresholdOf(long window) => Math.Max(1, window / 2);

    /// <summary>
    /// Runs the stream to its end and records the outcome on the handle: the target is completed when the sender
    /// completed, or completed with a <see cref="RemoteEdgeException"/> when the edge failed. Never throws.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var loops = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var delivery = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var write = WriteLoopAsync(loops.Token);
        var beat = _connection.HeartbeatLoopAsync(_where, OnTick, loops.Token);
        var deliver = DeliverLoopAsync(delivery.Token);
        var read = _connection.ReadLoopAsync(Handle, loops.Token);
        try
        {
            var first = await Task.WhenAny(read, write, beat, deliver).ConfigureAwait(false);
            if (first != read)
            {
                // Delivery ends normally only after the read loop completed the queue, so then the read loop is done too.
                await first.ConfigureAwait(false);
                if (first != deliver)
                {
                    throw new InvalidOperationException(RemoteMessages.LoopEndedEarly(_where));
                }
            }

            if (!await read.ConfigureAwait(false))
            {
                _partnerSignalled = true;
                throw new RemoteEdgeException(RemoteMessages.ClosedWithoutCompletion(_where), _handle.Edge.Id, _connection.Peer);
            }

            // Complete (or Fail) arrived: stop talking, close our side so the sender can let go, then drain locally.
            await loops.CancelAsync().ConfigureAwait(false);
            await EdgeFailure.Quietly(write).ConfigureAwait(false);
            await EdgeFailure.Quietly(beat).ConfigureAwait(false);
            await _connection.CompleteOutputAsync().ConfigureAwait(false);
            await deliver.ConfigureAwait(false);
            if (_upstreamFailure is { } upstream)
            {
                throw upstream;
            }

            _target.Complete();
            _handle.TryComplete();
            var metrics = _handle.Metrics();
            RemoteLog.Completed(_logger, _handle.Edge.Id, _handle.RunId, RemoteEdgeRole.Receiver, Worker, metrics.ElementsReceived, metrics.BytesReceived);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _target.Complete(new OperationCanceledException(RemoteMessages.Where(_handle.Edge.Id, _handle.RunId, _connection.Peer, Worker) + ": " + RemoteMessages.Withdrawn, cancellationToken));
            _handle.TryCancel(cancellationToken);
        }
        catch (Exception error)
        {
            var failure = EdgeFailure.Normalize(error, _where, _handle.Edge.Id, _connection.Peer, _logger);
            _target.Complete(failure);
            if (_handle.TryFail(failure))
            {
                RemoteLog.Failed(_logger, failure.Message, failure.InnerException);
            }
        }
        finally
        {
            await loops.CancelAsync().ConfigureAwait(false);
            await delivery.CancelAsync().ConfigureAwait(false);
            _queue.Writer.TryComplete();
            await EdgeFailure.Quietly(read).ConfigureAwait(false);
            await EdgeFailure.Quietly(write).ConfigureAwait(false);
            await EdgeFailure.Quietly(beat).ConfigureAwait(false);
            await EdgeFailure.Quietly(deliver).ConfigureAwait(false);
        }

        if (_handle.Completion.IsFaulted && !_partnerSignalled && _handle.Completion.Exception?.InnerException is RemoteEdgeException failed)
        {
            await _connection.TryWriteFinalAsync((writer, output) => writer.WriteCancel(output, failed.Message), TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Moves decoded elements into the target (waiting under backpressure) and wakes the writer when new credit is worth
    /// announcing. Elements move in runs, as many as the target has room for under one lock, because on a busy edge most
    /// of every read overflows the target (hundreds of elements a read against its capacity) and comes this way.
    /// </summary>
    private async Task DeliverLoopAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var reader = _queue.Reader;
        var run = new List<DataChunk>(DeliveryRunMax);
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (true)
            {
                while (run.Count < DeliveryRunMax && reader.TryRead(out var chunk))
                {
                    run.Add(chunk);
                }

                if (run.Count == 0)
                {
                    break;
                }

                var written = _target.TryWriteMany(CollectionsMarshal.AsSpan(run));
                if (written == 0)
                {
                    // Full: wait for room (released at half the target's capacity) with the oldest element.
                    await _target.WriteAsync(run[0], cancellationToken).ConfigureAwait(false);
                    written = 1;
                }

                run.RemoveRange(0, written);
                OnDelivered(written);

                // Only after the elements are in the target: until then the read loop must not overtake them.
                Interlocked.Add(ref _queued, -written);
            }
        }
    }

    /// <summary>Counts elements handed to the target and wakes the writer when the new credit is worth announcing.</summary>
    private void OnDelivered(int count = 1)
    {
        var delivered = Interlocked.Add(ref _delivered, count);
        var window = Window;
        if (delivered + window - Volatile.Read(ref _announced) >= ThresholdOf(window))
        {
            _connection.WriteSignal.Set();
        }
    }

    /// <summary>Writes demand (when new credit reaches the threshold, or periodically as a redelivery), pongs and pings.</summary>
    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wrote = _connection.WriteControl();
            var announced = Volatile.Read(ref _announced);
            var window = Window;
            var desired = Volatile.Read(ref _delivered) + window;
            var redeliver = Interlocked.Exchange(ref _redeliver, 0) == 1;
            if (desired - announced >= ThresholdOf(window) || (redeliver && desired >= announced))
            {
                // Record before sending: the read loop must never see an element under credit it thinks was not granted.
                Volatile.Write(ref _announced, desired);
                _connection.Writer.WriteDemand(_connection.Output, desired);
                _lastDemandAt = _connection.Time.GetTimestamp();
                wrote = true;
            }

            _handle.SetCreditOutstanding(Volatile.Read(ref _announced) - Volatile.Read(ref _expected));
            if (wrote)
            {
                await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            await _connection.WriteSignal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Heartbeat tick: schedules the periodic demand redelivery.</summary>
    private void OnTick()
    {
        if (_connection.Time.GetElapsedTime(_lastDemandAt) >= _connection.Settings.DemandRedeliveryInterval)
        {
            Volatile.Write(ref _redeliver, 1);
        }
    }
}
