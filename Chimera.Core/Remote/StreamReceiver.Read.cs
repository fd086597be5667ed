using System.Diagnostics;
using System.Runtime.InteropServices;
using Chimera.Wire;

namespace Chimera.Remote;

internal sealed partial class StreamReceiver
{
    /// <summary>Handles one frame from the sender; true once the stream completed.</summary>
    private bool Handle(Frame frame)
    {
        switch (frame.Type)
        {
            case FrameType.Data:
            case FrameType.DataBatch:
                CheckSequence(frame.Sequence);
                _decoded.Clear();
                if (frame.Type == FrameType.Data)
                {
                    CheckCredit(frame.Sequence, 1);
                    _decoded.Add(_connection.Codec.Decode(frame.Payload, _connection.Time.GetUtcNow(), frame.Placed));
                }
                else
                {
                    _connection.Codec.DecodeBatch(frame.Payload, _decoded, _connection.Time.GetUtcNow());
                    CheckCredit(frame.Sequence, _decoded.Count);
                }

                DeliverTimed(_decoded);
                Volatile.Write(ref _expected, _expected + _decoded.Count);
                var length = frame.Length;
                _handle.AddReceived(_decoded.Count, length);
                RecordSize(length, _decoded.Count);
                _decoded.Clear();
                return false;
            case FrameType.Complete:
                _partnerSignalled = true;
                if (frame.Sequence != _expected - 1)
                {
                    throw Fail(RemoteMessages.CompletionMismatch(_where, frame.Sequence, _expected - 1));
                }

                _queue.Writer.TryComplete();
                return true;
            case FrameType.Fail:
                // Like a local channel completed with an error: what arrived before the failure is still delivered.
                _partnerSignalled = true;
                _upstreamFailure = Fail(RemoteMessages.UpstreamFailed(_where, _connection.Reader.ReadReason(frame)));
                _queue.Writer.TryComplete();
                return true;
            default:
                throw Fail(RemoteMessages.UnexpectedFrame(_where, frame.Type.ToString()));
        }
    }

    /// <summary>Folds a frame's bytes per element into the running average (a quarter weight per frame, so it follows changes within a few frames).</summary>
    private void RecordSize(long bytes, int count)
    {
        var size = Math.Max(1, bytes / Math.Max(1, count));
        var average = _averageElementBytes;
        Volatile.Write(ref _averageElementBytes, average == 0 ? size : Math.Max(1, average + ((size - average) / 4)));
    }

    /// <summary>
    /// Delivers (<see cref="Deliver"/>) and keeps an eye on how long that takes, because a node that was waiting for
    /// elements runs its steps inside it, on this thread (<see cref="NodeStepsHere"/>): a node whose steps take longer
    /// than <see cref="RemoteSettings.InlineAfterIdle"/> (recording video, say) would hold the edge's reading, decoding
    /// included, where a thread-pool hop costs tens of microseconds. After such a delivery the next ones go through the
    /// pool, for twice as many deliveries each time it happens again (up to <see cref="MaxInlineBackoff"/>); one quick
    /// delivery (a step that was slow only once, such as its first, compiled call) restores the inline path.
    /// </summary>
    private void DeliverTimed(List<DataChunk> chunks)
    {
        var budget = _connection.Settings.InlineAfterIdle;
        if (budget <= TimeSpan.Zero)
        {
            Deliver(chunks);
            return;
        }

        if (_inlineSkip > 0)
        {
            Deliver(chunks);
            if (--_inlineSkip == 0)
            {
                _target.InlineReaderAfterIdle = NodeStepsHere;
            }

            return;
        }

        var started = Stopwatch.GetTimestamp();
        Deliver(chunks);
        if (Stopwatch.GetElapsedTime(started) > budget)
        {
            _inlineBackoff = Math.Min(Math.Max(1, _inlineBackoff * 2), MaxInlineBackoff);
            _inlineSkip = _inlineBackoff;
            _target.InlineReaderAfterIdle = TimeSpan.Zero;
        }
        else
        {
            _inlineBackoff = 0;
        }
    }

    /// <summary>
    /// Hands decoded elements to the target at once when nothing is queued before them, as many as fit under one lock,
    /// and again as long as each write makes progress: a node that was waiting steps on this thread during the write and
    /// empties its edge, so a whole read's worth (hundreds of small elements against an edge of 64) goes through without
    /// the delivery loop. What does not fit queues behind, so order is kept and reading never waits.
    /// </summary>
    private void Deliver(List<DataChunk> chunks)
    {
        var direct = 0;
        if (Volatile.Read(ref _queued) == 0)
        {
            var all = CollectionsMarshal.AsSpan(chunks);
            int written;
            while (direct < all.Length && (written = _target.TryWriteMany(all[direct..])) > 0)
            {
                direct += written;
                OnDelivered(written);
            }
        }

        if (direct == chunks.Count)
        {
            return;
        }

        // Counted before they are visible to the delivery loop, which uncounts each once it is in the target.
        Interlocked.Add(ref _queued, chunks.Count - direct);
        for (var i = direct; i < chunks.Count; i++)
        {
            _queue.Writer.TryWrite(chunks[i]);
        }
    }

    /// <summary>Fails on a gap or a duplicate: elements must arrive exactly once and in order.</summary>
    private void CheckSequence(long sequence)
    {
        if (sequence > _expected)
        {
            throw Fail(RemoteMessages.SequenceGap(_where, _expected, sequence));
        }

        if (sequence < _expected)
        {
            throw Fail(RemoteMessages.SequenceDuplicate(_where, _expected, sequence));
        }
    }

    /// <summary>Fails when the sender used credit that was never granted.</summary>
    private void CheckCredit(long first, int count)
    {
        var granted = Volatile.Read(ref _announced);
        if (first + count > granted)
        {
            throw Fail(RemoteMessages.CreditExceeded(_where, first + count - 1, granted));
        }
    }

    /// <summary>A failure of this edge with <paramref name="message"/>.</summary>
    private RemoteEdgeException Fail(string message) => new(message, _handle.Edge.Id, _connection.Peer);
}
