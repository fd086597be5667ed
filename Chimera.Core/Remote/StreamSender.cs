using Chimera.Runtime;
using Chimera.Wire;
using Microsoft.Extensions.Logging;

namespace Chimera.Remote;

/// <summary>
/// The sending end of a cross-worker edge, after the handshake: drains the local source channel and sends elements,
/// never beyond the receiver's cumulative demand, batching small ones and streaming large ones; then signals
/// completion or failure. One per connection; <see cref="RunAsync"/> runs it to the end.
/// </summary>
internal sealed partial class StreamSender : IDisposable
{
    /// <summary>The shortest block the element buffer references rather than copies: below it, the copy is cheaper than the bookkeeping.</summary>
    private const int MinExternalBlock = 64 * 1024;

    /// <summary>The connection.</summary>
    private readonly FrameConnection _connection;

    /// <summary>Completion and counters.</summary>
    private readonly RemoteEdgeHandle _handle;

    /// <summary>The local channel drained.</summary>
    private readonly EdgeChannel _source;

    /// <summary>The log.</summary>
    private readonly ILogger _logger;

    /// <summary>"Edge … of run … (peer …, worker …)", for messages.</summary>
    private readonly string _where;

    /// <summary>The receiver's cumulative demand: elements 0 … demand-1 may be sent. Written by the read loop.</summary>
    private long _demand;

    /// <summary>Whether the receiver sent Cancel (then no Fail is owed to it).</summary>
    private volatile bool _partnerSignalled;

    /// <summary>Creates the sending end of <paramref name="handle"/>'s edge over <paramref name="connection"/>.</summary>
    public StreamSender(FrameConnection connection, RemoteEdgeHandle handle, string worker, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(logger);
        _connection = connection;
        _handle = handle;
        _source = handle.Channel;
        // A quiet edge's element then goes out on the producer's thread; a busy sender waits too briefly for that.
        _source.InlineReaderAfterIdle = connection.Settings.InlineAfterIdle;
        _logger = logger;
        Worker = worker;
        // A block bigger than a batch is sent by WriteLargeAsync, which reads the element as a sequence: the element
        // buffer may reference such a block (a 6 MB byte[]) instead of copying it, and the pipe copies it once.
        _element.ExternalThreshold = Math.Max(connection.Settings.BatchMaxBytes + 1, MinExternalBlock);
        _fuseAt = Math.Max(2, Math.Min(_source.Capacity, Math.Min(connection.Settings.BatchMaxElements, connection.Codec.Settings.MaxBatchCount)));
        _canFuse = _source.Edge.Overflow == OverflowPolicy.Backpressure && connection.Settings.InlineAfterIdle > TimeSpan.Zero;
        handle.Peer = connection.Peer;
        connection.Handle = handle;
        _where = RemoteMessages.Where(handle.Edge.Id, handle.RunId, connection.Peer, worker);
    }

    /// <summary>The local worker's name.</summary>
    public string Worker { get; }

    /// <summary>
    /// Runs the stream to its end and records the outcome on the handle: completed, failed (the source channel is then
    /// completed with the error too, so the producer stops waiting) or cancelled. Never throws.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var read = _connection.ReadLoopAsync(Handle, cts.Token);
        var beat = _connection.HeartbeatLoopAsync(_where, null, cts.Token);
        var write = WriteLoopAsync(cts.Token);
        try
        {
            var first = await Task.WhenAny(read, beat, write).ConfigureAwait(false);
            if (first != write)
            {
                try
                {
                    await first.ConfigureAwait(false);
                }
                catch (Exception) when (_finished && !cancellationToken.IsCancellationRequested)
                {
                    // Complete or Fail is already out: how the receiver hung up afterwards changes nothing.
                }

                // The read loop saw the receiver close. After Complete or Fail went out that is the normal goodbye
                // (it may be observed before the writer's own continuation runs); before, the receiver left early.
                if (!_finished)
                {
                    throw new RemoteEdgeException(RemoteMessages.ReceiverClosed(_where), _handle.Edge.Id, _connection.Peer);
                }
            }

            var upstream = await write.ConfigureAwait(false);
            if (upstream is not null)
            {
                _handle.TryFail(upstream);
            }
            else
            {
                _handle.TryComplete();
                RemoteLog.Completed(_logger, _handle.Edge.Id, _handle.RunId, RemoteEdgeRole.Sender, Worker, _handle.Metrics().ElementsSent, _handle.Metrics().BytesSent);
            }

            // Linger until the receiver closes (it read everything), so closing here cannot reset unread data. No fixed
            // deadline: a receiver running a long step inline reads the end late but keeps pinging meanwhile; the
            // heartbeat ends the wait once it has been silent for final-termination-deadline.
            await Task.WhenAny(read, beat).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _handle.TryCancel(cancellationToken);
        }
        catch (Exception error)
        {
            var failure = EdgeFailure.Normalize(error, _where, _handle.Edge.Id, _connection.Peer, _logger);
            _source.Complete(failure);
            if (_handle.TryFail(failure))
            {
                RemoteLog.Failed(_logger, failure.Message, failure.InnerException);
            }
        }
        finally
        {
            await cts.CancelAsync().ConfigureAwait(false);
            await EdgeFailure.Quietly(read).ConfigureAwait(false);
            await EdgeFailure.Quietly(beat).ConfigureAwait(false);
            await EdgeFailure.Quietly(write).ConfigureAwait(false);
        }

        if (_handle.Completion.IsFaulted && !_partnerSignalled && !_midMessage && !_finished && _handle.Completion.Exception?.InnerException is RemoteEdgeException failed)
        {
            var last = _next - 1;
            await _connection.TryWriteFinalAsync((writer, output) => writer.WriteFail(output, last, failed.Message), TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _batchDeadline?.Dispose();
        _element.Dispose();
        _batch.Dispose();
    }

    /// <summary>Handles a frame from the receiver: demand raises the high-water mark; Cancel ends the edge.</summary>
    private bool Handle(Frame frame)
    {
        switch (frame.Type)
        {
            case FrameType.Demand:
                var demand = FrameReader.ReadInt64(frame);
                if (demand > Volatile.Read(ref _demand))
                {
                    // Cumulative: only a higher mark means anything, so a resent or reordered demand is harmless.
                    Volatile.Write(ref _demand, demand);
                    _connection.WriteSignal.Set();
                }

                return false;
            case FrameType.Cancel:
                _partnerSignalled = true;
                throw new RemoteEdgeException(RemoteMessages.Cancelled(_where, _connection.Reader.ReadReason(frame)), _handle.Edge.Id, _connection.Peer);
            default:
                throw new RemoteEdgeException(RemoteMessages.UnexpectedFrame(_where, frame.Type.ToString()), _handle.Edge.Id, _connection.Peer);
        }
    }
}
