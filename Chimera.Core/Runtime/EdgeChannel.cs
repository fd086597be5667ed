using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace Chimera.Runtime;

/// <summary>
/// The in-process half of an edge: a buffer bounded in elements and in bytes (<see cref="ElementBytes"/>), with the
/// edge's overflow policy and its counters. The producer stage writes, the consumer stage reads; a remote edge has one
/// of these on each side of the stream reference.
/// </summary>
/// <remarks>
/// <para>
/// One reader, any number of writers. It behaves like a bounded <see cref="Channel{T}"/> (same completion, error and
/// drop semantics, continuations never run inline on the other side's thread) with one difference: a writer that found
/// the buffer full under <see cref="OverflowPolicy.Backpressure"/> is released only once the reader has made room for
/// half the capacity and half the byte bound (as Kestrel's pipes resume at half their pause threshold). A bounded
/// channel releases it for every element taken, so a producer faster than its consumer paid a thread-pool hop per
/// element; here it pays one per half buffer, and the buffer bound is unchanged.
/// </para>
/// <para>
/// <see cref="WaitToWriteAsync"/> is for observers (the TestKit's publisher probes) and returns as soon as any room is
/// free.
/// </para>
/// </remarks>
internal sealed class EdgeChannel
{
    /// <summary>Guards every field below that is not a counter read without it.</summary>
    private readonly Lock _gate = new();

    /// <summary>The buffered elements, oldest first, each with its bytes as counted when it was written.</summary>
    private readonly Queue<(DataChunk Chunk, long Bytes)> _items;

    /// <summary>The most elements buffered at once.</summary>
    private readonly int _capacity;

    /// <summary>The most bytes of element values buffered at once, unless one element alone is larger.</summary>
    private readonly long _capacityBytes;

    /// <summary>Writers blocked on a full buffer are released only when at most this many bytes remain.</summary>
    private readonly long _resumeAtBytes;

    /// <summary>Whether a full buffer drops its oldest element to make room (<see cref="OverflowPolicy.DropOldest"/>, <see cref="OverflowPolicy.Latest"/>) instead of making writers wait.</summary>
    private readonly bool _dropsOldest;

    /// <summary>Writers blocked on a full buffer are released when at most this many elements remain.</summary>
    private readonly int _resumeAt;

    /// <summary>The reader's reusable wait.</summary>
    private readonly ReadWaiter _reader = new();

    /// <summary>The generation of the reader's pending wait, 0 when it is not waiting.</summary>
    private int _readerWait;

    /// <summary>
    /// How many buffered elements end the reader's pending wait: 1 for a plain wait, more for a wait for a batch
    /// (<see cref="WaitToReadAsync(int, CancellationToken)"/>) until <see cref="StopWaitingForMinimum"/>.
    /// </summary>
    private int _readerMinimum = 1;

    /// <summary>Whether writers blocked on a full buffer were released and none of them has written since: the producer is on its way back.</summary>
    private bool _writerReleased;

    /// <summary>Completed when blocked writers may retry (half the buffer free, or the edge completed); null when none waits.</summary>
    private TaskCompletionSource? _room;

    /// <summary>Completed when any room is free, for <see cref="WaitToWriteAsync"/>; null when none waits.</summary>
    private TaskCompletionSource? _anyRoom;

    /// <summary>After how many <see cref="Stopwatch"/> ticks of waiting the reader is resumed on the writer's thread; 0 for never.</summary>
    private long _inlineReaderAfter;

    /// <summary>Whether the producer side completed.</summary>
    private bool _completed;

    /// <summary>The error the producer side completed with, if any.</summary>
    private Exception? _error;

    /// <summary>Elements written, including those later dropped.</summary>
    private long _sent;

    /// <summary>Elements taken by the reader.</summary>
    private long _received;

    /// <summary>Elements dropped by the overflow policy.</summary>
    private long _dropped;

    /// <summary>Bytes of the buffered elements' values.</summary>
    private long _bytes;

    /// <summary>Creates the buffer of <paramref name="edge"/>: its capacity (1 under <see cref="OverflowPolicy.Latest"/>) and policy.</summary>
    public EdgeChannel(BlueprintEdge edge)
    {
        Edge = edge;
        _capacity = edge.Overflow == OverflowPolicy.Latest ? 1 : edge.Capacity;
        _dropsOldest = edge.Overflow != OverflowPolicy.Backpressure;
        _resumeAt = _capacity - Math.Max(1, _capacity / 2);
        _capacityBytes = edge.CapacityBytes;
        _resumeAtBytes = _capacityBytes / 2;
        _items = new Queue<(DataChunk, long)>(Math.Min(_capacity, 256));
    }

    /// <summary>The blueprint edge this channel carries.</summary>
    public BlueprintEdge Edge { get; }

    /// <summary>The most elements the buffer holds at once.</summary>
    public int Capacity => _capacity;

    /// <summary>Elements written by the producer, including those later dropped.</summary>
    public long Sent => Volatile.Read(ref _sent);

    /// <summary>Elements taken by the consumer.</summary>
    public long Received => Volatile.Read(ref _received);

    /// <summary>Elements dropped by the overflow policy.</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>
    /// Lets a writer run the reader's continuation on its own thread when the reader had been waiting at least this
    /// long (<see cref="TimeSpan.Zero"/>, the default: never, the reader always continues on the thread pool).
    /// </summary>
    /// <remarks>
    /// Only for writers that time what runs on their thread and turn this off when it is not short. The stream sender's
    /// source channel uses the idle time itself: on an edge that had been quiet this saves the thread-pool hop, which on
    /// a VM costs tens of microseconds of latency, while a busy sender, which waits only briefly, is still woken on the
    /// pool, so it keeps batching and the producer is never held up by it. The stream receiver's target uses any wait
    /// at all, so the node steps on the receive thread on a busy edge too, saving the hand-offs between two threads. The
    /// sender sets this back to zero while its sends take longer than the idle time (video frames to encode, megabytes
    /// to write), and the receiver for a while after a delivery's inline steps took longer, so the thread that delivers
    /// is not held up by heavy work.
    /// </remarks>
    public TimeSpan InlineReaderAfterIdle
    {
        get => Stopwatch.GetElapsedTime(0, _inlineReaderAfter);
        set => Volatile.Write(ref _inlineReaderAfter, value > TimeSpan.Zero ? Math.Max(1, (long)(value.TotalSeconds * Stopwatch.Frequency)) : 0);
    }

    /// <summary>Bytes of the values of the elements waiting in the buffer.</summary>
    public long QueueBytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Elements waiting in the buffer.</summary>
    public int QueueDepth
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Whether the producer side has completed and the consumer has taken everything buffered.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _completed && _items.Count == 0;
            }
        }
    }

    /// <summary>
    /// Whether each element written holds its image frames (<see cref="FrameHolds"/>) until the reader releases them.
    /// On by default: a producer, or a consumer on another branch of a fan-out, may dispose a frame while this edge's
    /// reader still has it to use (a node stage until its step has run, a stream sender until the pixels are sent), and
    /// without a hold the buffer would go back to the pool and be overwritten by the next frame rented. Every reader
    /// must call <see cref="ReleaseHold"/> for each element it took once it is done with it; an element dropped by the
    /// overflow policy is released here. Off only for readers that never release (test probes
    /// that keep what they read): their frames then go back to the pool only if nothing else holds them.
    /// </summary>
    public bool HoldsFrames { get; init; } = true;

    /// <summary>
    /// Gives back the hold this channel took on the frames of <paramref name="chunk"/>, an element its reader took, once
    /// the reader is done with it; nothing when the channel takes no holds (<see cref="HoldsFrames"/>).
    /// </summary>
    public void ReleaseHold(DataChunk chunk)
    {
        if (HoldsFrames)
        {
            FrameHolds.Release(chunk);
        }
    }

    /// <summary>Writes one element, waiting for room under backpressure.</summary>
    /// <exception cref="ChannelClosedException">The edge completed (its inner exception is the error it completed with).</exception>
    /// <exception cref="InvalidOperationException">The channel <see cref="HoldsFrames"/> and a frame of the element had been disposed.</exception>
    public ValueTask WriteAsync(DataChunk chunk, CancellationToken cancellationToken)
    {
        if (HoldsFrames && FrameHolds.Hold(chunk, Edge))
        {
            return WriteHeldAsync(chunk, cancellationToken);
        }

        return TryWriteOne(chunk) ? ValueTask.CompletedTask : WriteSlowAsync(chunk, cancellationToken);
    }

    /// <summary>Writes one element if the buffer has room (or the policy drops to make room); never waits.</summary>
    /// <exception cref="InvalidOperationException">The channel <see cref="HoldsFrames"/> and a frame of the element had been disposed.</exception>
    public bool TryWrite(DataChunk chunk)
    {
        if (!HoldsFrames || !FrameHolds.Hold(chunk, Edge))
        {
            return TryWriteOne(chunk);
        }

        if (TryWriteOne(chunk))
        {
            return true;
        }

        FrameHolds.Release(chunk);
        return false;
    }

    /// <summary>
    /// Writes <paramref name="chunks"/> in order, as far as the buffer has room (all
    /// of them under a dropping policy), under one lock and with one wake-up of the reader; never waits. Returns how
    /// many were written: fewer than offered when the buffer filled or the edge completed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The channel <see cref="HoldsFrames"/> and a frame of an element had been disposed; none was written.</exception>
    public int TryWriteMany(ReadOnlySpan<DataChunk> chunks)
    {
        if (!HoldsFrames || !HoldEach(chunks))
        {
            return Write(chunks);
        }

        var written = Write(chunks);
        foreach (var unwritten in chunks[written..])
        {
            FrameHolds.Release(unwritten);
        }

        return written;
    }

    /// <summary>Holds the frames of every element of <paramref name="chunks"/>; whether any has frames. Throws, holding none, when one was disposed.</summary>
    private bool HoldEach(ReadOnlySpan<DataChunk> chunks)
    {
        var any = false;
        for (var i = 0; i < chunks.Length; i++)
        {
            try
            {
                any |= FrameHolds.Hold(chunks[i], Edge);
            }
            catch (InvalidOperationException)
            {
                foreach (var held in chunks[..i])
                {
                    FrameHolds.Release(held);
                }

                throw;
            }
        }

        return any;
    }

    /// <summary>
    /// Waits until the buffer has room for one more element (at once under a dropping policy); false when the edge
    /// completed. Observation only, for the TestKit's publisher probes, which report free room as demand.
    /// </summary>
    public async ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task room;
            lock (_gate)
            {
                if (_completed)
                {
                    return false;
                }

                if (_dropsOldest || !IsFull(0))
                {
                    return true;
                }

                _anyRoom ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                room = _anyRoom.Task;
            }

            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits until an element can be read: true then; false when the edge completed and is empty; throws the error
    /// the edge completed with once it is empty. One reader at a time.
    /// </summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => WaitToReadAsync(1, cancellationToken);

    /// <summary>
    /// Waits until <paramref name="minimum"/> elements are buffered (or the buffer is full), so that the reader takes
    /// them in one go: true then, and also when the edge completed with fewer buffered, or when
    /// <see cref="StopWaitingForMinimum"/> ended the wait (then perhaps with none buffered); false when the edge
    /// completed and is empty; throws the error the edge completed with once it is empty. One reader at a time.
    /// </summary>
    /// <remarks>
    /// A wait for more than one element is ended by the writer that fills it, and the reader then continues on that
    /// writer's thread (a writer that is about to wait for room ends it too, so neither waits for the other). This is
    /// for a reader that keeps up with a fast producer by running on the producer's own thread, one batch at a time,
    /// instead of beside it on another core; it must call <see cref="StopWaitingForMinimum"/> when the producer may
    /// have paused (after a deadline), or what the producer wrote last waits for the next write.
    /// </remarks>
    public ValueTask<bool> WaitToReadAsync(int minimum, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimum, 1);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        minimum = Math.Min(minimum, _capacity);
        lock (_gate)
        {
            if (_items.Count >= minimum || (_items.Count > 0 && (_completed || IsFull(0))))
            {
                return new ValueTask<bool>(true);
            }

            if (_completed)
            {
                return _error is null ? new ValueTask<bool>(false) : ValueTask.FromException<bool>(_error);
            }

            _readerMinimum = minimum;
            return _reader.Arm(cancellationToken, timed: _inlineReaderAfter != 0, out _readerWait);
        }
    }

    /// <summary>
    /// Whether a writer that waited for room was released and has not written yet: its continuation is queued on the
    /// thread pool, so the producer has not paused, it is on its way back. A reader's deadline for a batch
    /// (<see cref="StopWaitingForMinimum"/>) should wait for it rather than take the producer for idle.
    /// </summary>
    public bool IsWriterResuming
    {
        get
        {
            lock (_gate)
            {
                return _writerReleased && !_completed;
            }
        }
    }

    /// <summary>
    /// Ends the reader's pending wait for a minimum (<see cref="WaitToReadAsync(int, CancellationToken)"/>) at once, on
    /// the thread pool, with true even when nothing is buffered: the reader may hold elements it took before and must
    /// send them now, so it looks again rather than waiting for a write. Nothing when the reader is not waiting for
    /// more than one element. Safe from any thread (a deadline timer's).
    /// </summary>
    public void StopWaitingForMinimum()
    {
        var wake = 0;
        lock (_gate)
        {
            if (_readerMinimum == 1)
            {
                return;
            }

            _readerMinimum = 1;
            wake = _readerWait;
            _readerWait = 0;
        }

        _reader.Complete(wake, readable: true);
    }

    /// <summary>Takes one element if one is buffered.</summary>
    public bool TryRead(out DataChunk chunk)
    {
        chunk = null!;
        return TryReadMany(MemoryMarshal.CreateSpan(ref chunk, 1)) == 1;
    }

    /// <summary>
    /// Takes up to <paramref name="into"/>'s length of the buffered elements, oldest first, under one lock; returns how
    /// many. Releases blocked writers as <see cref="TryRead"/> does.
    /// </summary>
    public int TryReadMany(Span<DataChunk> into)
    {
        TaskCompletionSource? room = null;
        TaskCompletionSource? anyRoom;
        var taken = 0;
        lock (_gate)
        {
            while (taken < into.Length && _items.TryDequeue(out var item))
            {
                into[taken++] = item.Chunk;
                _bytes -= item.Bytes;
            }

            if (taken == 0)
            {
                return 0;
            }

            Volatile.Write(ref _received, _received + taken);
            if (_room is not null && _items.Count <= _resumeAt && _bytes <= _resumeAtBytes)
            {
                room = _room;
                _room = null;
                _writerReleased = true;
            }

            anyRoom = _anyRoom;
            _anyRoom = null;
        }

        room?.TrySetResult();
        anyRoom?.TrySetResult();
        return taken;
    }

    /// <summary>Marks the producer side finished; the consumer drains what is buffered, then sees the end (or <paramref name="error"/>). Later calls change nothing.</summary>
    public void Complete(Exception? error = null)
    {
        int wake;
        bool readable;
        TaskCompletionSource? room;
        TaskCompletionSource? anyRoom;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            _error = error;
            wake = _readerWait;
            _readerWait = 0;
            readable = _items.Count > 0;
            room = _room;
            anyRoom = _anyRoom;
            _room = null;
            _anyRoom = null;
        }

        // A plain wait waits only on an empty buffer, and for it the edge has ended; a wait for a minimum takes what is
        // left first (and sees the error, if any, once the buffer is empty).
        if (error is null || readable)
        {
            _reader.Complete(wake, readable);
        }
        else
        {
            _reader.Fail(wake, error);
        }

        room?.TrySetResult();
        anyRoom?.TrySetResult();
    }

    /// <summary>
    /// Writes <paramref name="chunks"/> in order as far as there is room (all of them under a dropping policy), then
    /// wakes a waiting reader once; returns how many were written (none once the edge completed).
    /// </summary>
    private int Write(ReadOnlySpan<DataChunk> chunks)
    {
        var wake = 0;
        var batch = false;
        var written = 0;
        lock (_gate)
        {
            if (_completed)
            {
                return 0;
            }

            foreach (var chunk in chunks)
            {
                var bytes = ElementBytes.Of(chunk);
                if (!_dropsOldest && IsFull(bytes))
                {
                    break;
                }

                while (IsFull(bytes))
                {
                    var dropped = _items.Dequeue();
                    _bytes -= dropped.Bytes;
                    Volatile.Write(ref _dropped, _dropped + 1);
                    ReleaseHold(dropped.Chunk);
                }

                _items.Enqueue((chunk, bytes));
                _bytes += bytes;
                written++;
            }

            if (written == 0)
            {
                return 0;
            }

            _writerReleased = false;
            Volatile.Write(ref _sent, _sent + written);
            if (_readerMinimum == 1)
            {
                wake = _readerWait;
                _readerWait = 0;
            }
            else if (_readerWait != 0 && (_items.Count >= _readerMinimum || IsFull(0)))
            {
                wake = _readerWait;
                _readerWait = 0;
                batch = true;
            }
        }

        if (batch)
        {
            _reader.CompleteInline(wake);
        }
        else if (wake != 0)
        {
            _reader.Complete(wake, readable: true, Volatile.Read(ref _inlineReaderAfter));
        }

        return written;
    }

    /// <summary>Writes one element without taking holds: the callers took them, or the channel takes none.</summary>
    private bool TryWriteOne(DataChunk chunk) => Write(MemoryMarshal.CreateReadOnlySpan(ref chunk, 1)) == 1;

    /// <summary>Writes an element whose frames are held, waiting for room; gives the holds back if it is never queued.</summary>
    private async ValueTask WriteHeldAsync(DataChunk chunk, CancellationToken cancellationToken)
    {
        try
        {
            if (!TryWriteOne(chunk))
            {
                await WriteSlowAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            FrameHolds.Release(chunk);
            throw;
        }
    }

    /// <summary>Waits (in bursts of half the buffer) until <paramref name="chunk"/> fits, then writes it.</summary>
    private async ValueTask WriteSlowAsync(DataChunk chunk, CancellationToken cancellationToken)
    {
        var bytes = ElementBytes.Of(chunk);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task? room = null;
            var wake = 0;
            lock (_gate)
            {
                if (_completed)
                {
                    throw ClosedError();
                }

                if (!_dropsOldest && IsFull(bytes))
                {
                    _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    room = _room.Task;

                    // A reader waiting for more elements than fit (by the byte bound) would otherwise wait for this writer.
                    if (_readerMinimum > 1 && _readerWait != 0)
                    {
                        wake = _readerWait;
                        _readerWait = 0;
                    }
                }
            }

            if (wake != 0)
            {
                _reader.CompleteInline(wake);
            }

            if (room is not null)
            {
                await room.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (TryWriteOne(chunk))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Whether an element of <paramref name="bytes"/> does not fit: the buffer holds its capacity in elements, or the
    /// element would take it past its byte bound (an empty buffer takes any element, so one larger than the bound
    /// still passes). Called under the lock.
    /// </summary>
    private bool IsFull(long bytes) =>
        _items.Count >= _capacity || (_items.Count > 0 && _bytes + bytes > _capacityBytes);

    /// <summary>What writing to a completed edge throws, as a bounded <see cref="Channel{T}"/> would.</summary>
    private Exception ClosedError() => _error switch
    {
        null => new ChannelClosedException(),
        OperationCanceledException cancelled => cancelled,
        var error => new ChannelClosedException(error),
    };
}
