using System.Diagnostics;
using Chimera.Wire;

namespace Chimera.Remote;

internal sealed partial class StreamSender
{
    /// <summary>One encoded element.</summary>
    private readonly PooledBufferWriter _element = new();

    /// <summary>The batch being built: a count, then a length and an encoded element each.</summary>
    private readonly PooledBufferWriter _batch = new();

    /// <summary>The next sequence number to send. Only the writer loop touches it.</summary>
    private long _next;

    /// <summary>How many elements the sender takes from its source under one lock, at most.</summary>
    private const int TakeMax = 64;

    /// <summary>
    /// How long a fused sender waits for its producer to fill a batch before it takes what there is and goes back to
    /// waking at every element: a producer that paused delays its last elements by this much (rounded up to the
    /// runtime's timer tick), once.
    /// </summary>
    private static readonly TimeSpan FusedBatchDeadline = TimeSpan.FromMilliseconds(1);

    /// <summary>An element taken from the source but not sent yet (no credit).</summary>
    private DataChunk? _pending;

    /// <summary>
    /// Elements taken from the source in one go and not encoded yet, from <see cref="_takenNext"/> to
    /// <see cref="_takenCount"/>; never more than the credit allowed when they were taken.
    /// </summary>
    private readonly DataChunk[] _taken = new DataChunk[TakeMax];

    /// <summary>The next element of <see cref="_taken"/> to hand out.</summary>
    private int _takenNext;

    /// <summary>How many elements <see cref="_taken"/> holds (from index 0).</summary>
    private int _takenCount;

    /// <summary>The pending wait for the source to have an element (a batch of them, when fused) or to complete.</summary>
    private Task<bool>? _readWait;

    /// <summary>Whether <see cref="_readWait"/> waits for a batch (<see cref="WaitForBatchAsync"/>).</summary>
    private bool _readWaitForBatch;

    /// <summary>How many elements the last batch carried: one means the edge is quiet, so the next batch does not linger.</summary>
    private int _lastBatchCount;

    /// <summary>Whether the last timed send was too slow to run on the producer's thread, so inline sends are off.</summary>
    private bool _inlineWithdrawn;

    /// <summary>
    /// Whether the sender is fused with its producer: it waits for the source to hold a batch's worth of elements and
    /// then runs on the producer's thread, as a pinned pair of threads would take turns on one core (see
    /// <see cref="WaitForFusedBatchAsync"/>).
    /// </summary>
    private bool _fused;

    /// <summary>Set by <see cref="_batchDeadline"/> when a fused wait for a batch outlived <see cref="FusedBatchDeadline"/>.</summary>
    private volatile bool _batchDeadlinePassed;

    /// <summary>Ends a fused wait for a batch the producer did not fill in time; created at the first such wait.</summary>
    private Timer? _batchDeadline;

    /// <summary>
    /// The fewest elements a batch must have found ready for the sender to fuse with its producer, and the most a fused
    /// wait asks for: the source's capacity, or a full batch if that is less.
    /// </summary>
    private readonly int _fuseAt;

    /// <summary>
    /// Whether this edge may fuse at all: only a lossless one (on a dropping edge, elements that wait for their batch
    /// could be dropped instead), and not with <see cref="RemoteSettings.InlineAfterIdle"/> 0, which keeps the sender
    /// off the producer's thread.
    /// </summary>
    private readonly bool _canFuse;

    /// <summary>When the current stretch of a send began: the part that runs without waiting, on the producer's thread once fused.</summary>
    private long _stretchStarted;

    /// <summary>Whether a stretch of the current send took longer than <see cref="RemoteSettings.InlineAfterIdle"/>.</summary>
    private bool _heavyStretch;

    /// <summary>Whether the switch to writing on the socket has been logged.</summary>
    private bool _loggedSocket;

    /// <summary>Whether the sender is waiting for credit (for pause/resume logging).</summary>
    private bool _paused;

    /// <summary>Whether a chunked message is partly written, so no other frame may be written now.</summary>
    private volatile bool _midMessage;

    /// <summary>Whether Complete or Fail was written.</summary>
    private volatile bool _finished;

    /// <summary>
    /// Sends until the source completes, then writes Complete (returns <see langword="null"/>), or Fail when the source
    /// completed with an error (returns that error).
    /// </summary>
    private async Task<Exception?> WriteLoopAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!_connection.PrepareOutput())
            {
                // Switching to the socket waits for the receiver's first frame, which wakes this loop.
                await _connection.WriteSignal.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!_loggedSocket && _connection.DirectStream is not null)
            {
                _loggedSocket = true;
                RemoteLog.WritingToSocket(_logger, _handle.Edge.Id, _handle.RunId, Worker, _connection.Peer);
            }

            var wrote = _connection.WriteControl();

            // A fused wait for a batch leaves fewer elements in the source until the producer fills it: they wait for it.
            var batchPending = _readWaitForBatch && _readWait is { IsCompleted: false };
            if (_pending is null && !batchPending && TryTake(Volatile.Read(ref _demand) - _next, out var taken))
            {
                _pending = taken;
            }

            if (_pending is null)
            {
                if (_readWait is null)
                {
                    _readWaitForBatch = _fused;
                    _readWait = (_fused
                        ? WaitForBatchAsync(Volatile.Read(ref _demand) - _next, cancellationToken)
                        : _source.WaitToReadAsync(cancellationToken)).AsTask();
                }

                if (_readWait.IsCompleted)
                {
                    var wait = _readWait;
                    _readWait = null;
                    bool more;
                    try
                    {
                        more = await wait.ConfigureAwait(false);
                        LeaveFusionIfPaused(more);
                    }
                    catch (Exception error) when (!cancellationToken.IsCancellationRequested)
                    {
                        _connection.Writer.WriteFail(_connection.Output, _next - 1, RemoteMessages.UpstreamReason(error));
                        _finished = true;
                        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                        return error;
                    }

                    if (!more)
                    {
                        _connection.Writer.WriteComplete(_connection.Output, _next - 1);
                        _finished = true;
                        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                        return null;
                    }

                    continue;
                }
            }

            var demand = Volatile.Read(ref _demand);
            var credit = demand - _next;
            _handle.SetCreditOutstanding(Math.Max(0, credit));
            if (_pending is not null && credit > 0)
            {
                if (_paused)
                {
                    _paused = false;
                    RemoteLog.Resumed(_logger, _handle.Edge.Id, demand);
                }

                await SendAsync(credit, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (_pending is not null && !_paused)
            {
                _paused = true;
                RemoteLog.Paused(_logger, _handle.Edge.Id, demand);
            }

            if (wrote)
            {
                await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            var signal = _connection.WriteSignal.WaitAsync(cancellationToken);
            await (_pending is null ? Task.WhenAny(_readWait!, signal) : signal).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends what is ready (<see cref="SendBatchAsync"/>); on a quiet edge also times the send, because a quiet edge's
    /// send may run on the producer's own thread (<see cref="Runtime.EdgeChannel.InlineReaderAfterIdle"/>).
    /// </summary>
    private ValueTask SendAsync(long credit, CancellationToken cancellationToken) =>
        _lastBatchCount <= 1 && _connection.Settings.InlineAfterIdle > TimeSpan.Zero
            ? SendTimedAsync(credit, cancellationToken)
            : SendBatchAsync(credit, cancellationToken);

    /// <summary>
    /// Sends, then lets the producer run the next send on its own thread only if this one took less than the idle time
    /// that allows it: encoding a video frame (milliseconds) or writing megabytes there would hold the producer for
    /// longer than the thread-pool hop it saves, and a camera source would render and encode in turn instead of at once.
    /// </summary>
    private async ValueTask SendTimedAsync(long credit, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await SendBatchAsync(credit, cancellationToken).ConfigureAwait(false);
        var budget = _connection.Settings.InlineAfterIdle;
        var heavy = Stopwatch.GetElapsedTime(started) > budget;
        if (heavy != _inlineWithdrawn)
        {
            _inlineWithdrawn = heavy;
            _source.InlineReaderAfterIdle = heavy ? TimeSpan.Zero : budget;
        }
    }

    /// <summary>
    /// Sends <see cref="_pending"/> and whatever else the source has ready, up to the credit and the batch limits: small
    /// elements go into one batch frame; an element larger than the batch limit is streamed frame by frame.
    /// </summary>
    private async ValueTask SendBatchAsync(long credit, CancellationToken cancellationToken)
    {
        var settings = _connection.Settings;
        var max = (int)Math.Min(credit, Math.Min(settings.BatchMaxElements, _connection.Codec.Settings.MaxBatchCount));
        var now = _connection.Time.GetUtcNow();
        StartStretch();
        _batch.Clear();
        _batch.Reserve(sizeof(int));
        var count = 0;
        // A quiet edge (the last batch was a single element) flushes at once: lingering there only adds latency.
        var quiet = _lastBatchCount <= 1;
        while (_pending is { } chunk)
        {
            Encode(chunk, _next + count, now);
            _pending = null;
            var length = _element.WrittenCount;
            if (length > settings.BatchMaxBytes)
            {
                WriteBatch(count);
                count = 0;
                await WriteLargeAsync(cancellationToken).ConfigureAwait(false);

                // Nothing of the element is read from its values any more: its bytes are on the wire.
                _source.ReleaseHold(chunk);
                return;
            }

            var slot = _batch.Reserve(sizeof(int));
            _element.WrittenSpan.CopyTo(_batch.GetSpan(length));
            _batch.Advance(length);

            // Nothing of the element is read from its values any more: its bytes are in the batch.
            _source.ReleaseHold(chunk);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(_batch.Patch(slot, sizeof(int)), length);
            count++;
            if (count >= max || _batch.WrittenCount >= settings.BatchMaxBytes)
            {
                break;
            }

            if (!TryTake(max - count, out var next))
            {
                // Nothing ready: on a busy edge, give the producer a turn of the scheduler before paying a flush (a
                // syscall) for a small batch, so many elements coalesce into one write, and another for as long as
                // each turn brings more (up to the batch limits): a producer still producing fills the batch, one that
                // went quiet gets it flushed after one turn.
                if (quiet)
                {
                    break;
                }

                EndStretch();
                if (_fused)
                {
                    // Fused: the producer fills the source while this send waits, then runs the rest of it.
                    if (!await WaitForFusedBatchAsync(max - count, cancellationToken).ConfigureAwait(false))
                    {
                        break;
                    }
                }
                else
                {
                    await Task.Yield();
                }

                StartStretch();
                if (!TryTake(max - count, out next))
                {
                    break;
                }
            }

            _pending = next;
        }

        _lastBatchCount = count;
        WriteBatch(count);
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        EndStretch();
        Fuse(fill: count >= _fuseAt);
    }

    /// <summary>
    /// Decides, after a send, whether the next ones run fused with the producer (<see cref="WaitForFusedBatchAsync"/>):
    /// yes after a batch of at least <see cref="_fuseAt"/> elements (<paramref name="fill"/>: the producer outpaces the
    /// sender) none of whose stretches took longer than <see cref="RemoteSettings.InlineAfterIdle"/>, where the edge
    /// allows it (<see cref="_canFuse"/>); no after a heavy one (encoding video frames there would hold the producer
    /// longer than the hand-over it saves).
    /// </summary>
    private void Fuse(bool fill)
    {
        if (_heavyStretch)
        {
            _heavyStretch = false;
            _fused = false;
        }
        else if (fill && !_fused)
        {
            _fused = _canFuse;
        }
    }

    /// <summary>Notes the start of a stretch of a send that runs without waiting.</summary>
    private void StartStretch() => _stretchStarted = Stopwatch.GetTimestamp();

    /// <summary>Notes the end of a stretch; one longer than <see cref="RemoteSettings.InlineAfterIdle"/> makes the send heavy.</summary>
    private void EndStretch()
    {
        if (Stopwatch.GetElapsedTime(_stretchStarted) > _connection.Settings.InlineAfterIdle)
        {
            _heavyStretch = true;
        }
    }

    /// <summary>
    /// Waits, fused, for the producer to write the rest of a batch (<paramref name="wanted"/> more elements, at most
    /// the source's capacity): the producer's write that fills the source runs the rest of the send on its own
    /// thread. On two cores that makes the sending worker's producer and sender take turns on one core, each element
    /// staying in that core's cache, instead of running side by side on both and pulling every element across:
    /// remote.small's sending worker spent half as much CPU per element so. False, and back to waking at every
    /// element, when a stretch was heavy, when the producer did not fill the batch within
    /// <see cref="FusedBatchDeadline"/> (it paused: what it wrote goes out now) or when the source completed; the send
    /// then writes what it has.
    /// </summary>
    private async ValueTask<bool> WaitForFusedBatchAsync(int wanted, CancellationToken cancellationToken)
    {
        if (_readWait is { } outstanding)
        {
            if (!outstanding.IsCompletedSuccessfully || !outstanding.Result)
            {
                // The writer loop's own wait is still out (the source has one waiter), or saw the end: send this
                // batch, and let the loop deal with it.
                return false;
            }

            _readWait = null;
        }

        if (_heavyStretch)
        {
            _heavyStretch = false;
            _fused = false;
            return false;
        }

        bool more;
        try
        {
            more = await WaitForBatchAsync(wanted, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The source failed: the batch goes out first, then the writer loop's own wait sees the error.
            more = false;
        }

        LeaveFusionIfPaused(more);
        return more && _fused;
    }

    /// <summary>Waits for <paramref name="wanted"/> elements (at most <see cref="_fuseAt"/>) in the source, for at most <see cref="FusedBatchDeadline"/> after the first.</summary>
    private ValueTask<bool> WaitForBatchAsync(long wanted, CancellationToken cancellationToken)
    {
        _batchDeadlinePassed = false;
        var wait = _source.WaitToReadAsync((int)Math.Clamp(wanted, 1, _fuseAt), cancellationToken);
        if (!wait.IsCompleted)
        {
            _batchDeadline ??= new Timer(static state => ((StreamSender)state!).BatchDeadlinePassed(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _batchDeadline.Change(FusedBatchDeadline, Timeout.InfiniteTimeSpan);
        }

        return wait;
    }

    /// <summary>
    /// The deadline of a fused wait for a batch: the sender takes what there is, unless the producer has not paused but
    /// is coming back from a wait for room (its wake-up queued on a busy thread pool can take longer than the deadline);
    /// then the deadline starts again.
    /// </summary>
    private void BatchDeadlinePassed()
    {
        try
        {
            if (_source.IsWriterResuming)
            {
                _batchDeadline?.Change(FusedBatchDeadline, Timeout.InfiniteTimeSpan);
                return;
            }
        }
        catch (ObjectDisposedException)
        {
            // The sender was disposed: nothing waits any more.
            return;
        }

        _batchDeadlinePassed = true;
        _source.StopWaitingForMinimum();
    }

    /// <summary>Leaves fusion when a fused wait ended without a batch: the source completed (<paramref name="more"/> false) or the deadline passed.</summary>
    private void LeaveFusionIfPaused(bool more)
    {
        if (_fused && (!more || _batchDeadlinePassed))
        {
            _fused = false;
        }
    }

    /// <summary>
    /// Takes the next element: from those taken before, else up to <paramref name="credit"/> (at least one) more from
    /// the source under one lock, so the source's lock and its cache line change hands once per run of elements.
    /// </summary>
    private bool TryTake(long credit, out DataChunk chunk)
    {
        if (_takenNext == _takenCount)
        {
            _takenNext = 0;
            _takenCount = _source.TryReadMany(_taken.AsSpan(0, (int)Math.Clamp(credit, 1, TakeMax)));
            if (_takenCount == 0)
            {
                chunk = null!;
                return false;
            }
        }

        chunk = _taken[_takenNext];
        _taken[_takenNext++] = null!;
        return true;
    }

    /// <summary>Encodes one element into <see cref="_element"/>; an element that cannot be encoded fails the edge (and tells the receiver).</summary>
    private void Encode(DataChunk chunk, long sequence, DateTimeOffset now)
    {
        _element.Clear();
        try
        {
            _connection.Codec.Encode(chunk, _element, now);
            if (_element.WrittenCount > _connection.Codec.Settings.MaxElementSize)
            {
                throw new WireFormatException(WireMessages.ElementTooLarge(_element.WrittenCount, _connection.Codec.Settings.MaxElementSize));
            }
        }
        catch (WireFormatException error)
        {
            var message = RemoteMessages.EncodeFailed(_where, sequence, error.Message);
            throw new RemoteEdgeException(message, _handle.Edge.Id, _connection.Peer, error);
        }
    }

    /// <summary>Writes the batch built so far (not flushed): one element as a Data frame, several as a DataBatch frame.</summary>
    private void WriteBatch(int count)
    {
        if (count == 0)
        {
            return;
        }

        ReadOnlySpan<byte> payload;
        FrameType type;
        if (count == 1)
        {
            payload = _batch.WrittenSpan[(2 * sizeof(int))..];
            type = FrameType.Data;
        }
        else
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(_batch.Patch(0, sizeof(int)), count);
            payload = _batch.WrittenSpan;
            type = FrameType.DataBatch;
        }

        _connection.Writer.WriteFrame(_connection.Output, type, _next, payload);
        _next += count;
        _handle.AddSent(count, payload.Length);
    }

    /// <summary>
    /// Streams the element in <see cref="_element"/> (its copied bytes and the blocks it references) as a Data frame
    /// plus continuation frames, flushing after each frame so the transport's backpressure applies per frame and the
    /// pipe never holds the whole element. On a connection that writes to its socket directly
    /// (<see cref="FrameConnection.DirectStream"/>) the referenced blocks are written from the value itself.
    /// </summary>
    private async ValueTask WriteLargeAsync(CancellationToken cancellationToken)
    {
        var payload = _element.WrittenSequence;
        var total = payload.Length;
        var maxFrame = _connection.Codec.Settings.MaxFrameSize;
        var type = FrameType.Data;
        _midMessage = true;
        do
        {
            var length = (int)Math.Min(payload.Length, maxFrame);
            var flags = payload.Length > length ? FrameFlags.More : FrameFlags.None;
            var output = _connection.Output;
            new FrameHeader(type, flags, (uint)length, _next).Write(output.GetSpan(FrameHeader.Size));
            output.Advance(FrameHeader.Size);
            var unflushed = true;
            foreach (var memory in payload.Slice(0, length))
            {
                if (_connection.DirectStream is not null && memory.Length >= MinExternalBlock)
                {
                    // The value's own bytes go to the socket as they are; what was written before them goes first.
                    await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                    await _connection.WriteDirectAsync(memory, cancellationToken).ConfigureAwait(false);
                    unflushed = false;
                    continue;
                }

                PayloadWriter.WriteBlocks(output, memory.Span);
                unflushed = true;
            }

            payload = payload.Slice(length);
            type = FrameType.Continuation;
            if (unflushed)
            {
                await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        while (!payload.IsEmpty);

        _midMessage = false;
        _element.Clear();
        _next++;
        _handle.AddSent(1, total);
    }
}
