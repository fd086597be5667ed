using System.IO.Pipelines;
using Chimera.Wire;

namespace Chimera.Remote;

/// <summary>
/// One data connection as both protocol ends use it: the duplex pipe, the frame reader and writer, the wake-up of the
/// single writer loop, liveness (when a byte last arrived) and the ping/pong exchange that feeds the round-trip estimate.
/// </summary>
/// <remarks>Only one loop writes (the side's writer loop, or the handshake before it); the read loop records pings
/// for it to answer and signals it, so reading never waits on writing and neither direction can deadlock the other.</remarks>
internal sealed class FrameConnection : IAsyncDisposable, IDirectReadTarget
{
    /// <summary>The transport.</summary>
    private readonly IDuplexPipe _transport;

    /// <summary>The smallest buffer the writer over the socket fills between flushes (a batch of small elements fits).</summary>
    private const int DirectBufferSize = 64 * 1024;

    /// <summary>Reused buffer for handshake payloads.</summary>
    private readonly PooledBufferWriter _scratch = new();

    /// <summary>The timestamp (<see cref="TimeProvider.GetTimestamp"/>) of the last bytes received.</summary>
    private long _lastHeard;

    /// <summary>1 while the read loop handles frames it read (so it is not waiting on the partner), else 0.</summary>
    private int _handling;

    /// <summary>1 when a pong is owed to the partner.</summary>
    private int _pongPending;

    /// <summary>The nonce of the last ping received.</summary>
    private long _pongNonce;

    /// <summary>1 when a ping is due.</summary>
    private int _pingDue;

    /// <summary>1 once disposed.</summary>
    private int _disposed;

    /// <summary>1 while an offer to receive directly stands (<see cref="IDirectReadTarget"/>).</summary>
    private int _directOffered;

    /// <summary>1 once the read loop has read bytes of the data phase, so the partner has read the handshake (see <see cref="SendDirectlyOnceHeard"/>).</summary>
    private int _heard;

    /// <summary>The connection's socket as a stream, waiting for <see cref="PrepareOutput"/> to switch to it.</summary>
    private Stream? _pendingDirect;

    /// <summary>The writer over the socket once switched, else <see langword="null"/> (writes go to the transport's pipe).</summary>
    private PipeWriter? _directOutput;

    /// <summary>Wraps <paramref name="transport"/>, a connection to <paramref name="peer"/>.</summary>
    public FrameConnection(IDuplexPipe transport, string peer, DataChunkCodec codec, RemoteSettings settings, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(settings);
        _transport = transport;
        Peer = peer;
        Codec = codec;
        Settings = settings;
        Time = time ?? TimeProvider.System;
        Reader = new FrameReader(codec.Settings, codec);
        Writer = new FrameWriter(codec, Time);
        _lastHeard = Time.GetTimestamp();
    }

    /// <summary>The partner's address, for messages.</summary>
    public string Peer { get; }

    /// <summary>The chunk codec.</summary>
    public DataChunkCodec Codec { get; }

    /// <summary>The stream reference settings.</summary>
    public RemoteSettings Settings { get; }

    /// <summary>The clock for deadlines and round trips.</summary>
    public TimeProvider Time { get; }

    /// <summary>Cuts frames out of the input.</summary>
    public FrameReader Reader { get; }

    /// <summary>Writes frames into <see cref="Output"/>.</summary>
    public FrameWriter Writer { get; }

    /// <summary>Where the writer loop writes: the transport's pipe, or the socket itself once <see cref="PrepareOutput"/> switched to it.</summary>
    public PipeWriter Output => _directOutput ?? _transport.Output;

    /// <summary>
    /// The socket's stream that large blocks are written to directly, without a copy into the pipe, after
    /// <see cref="Output"/> is flushed; <see langword="null"/> while writes go through the transport's pipe.
    /// </summary>
    public Stream? DirectStream { get; private set; }

    /// <summary>Wakes the writer loop.</summary>
    public AsyncSignal WriteSignal { get; } = new();

    /// <summary>Where round trips are reported, once the edge is known.</summary>
    public RemoteEdgeHandle? Handle { get; set; }

    /// <summary>
    /// How long the read loop has waited for bytes with nothing arriving: zero while it is handling what arrived, which
    /// may include the receiving node's step run inline (<see cref="RemoteSettings.InlineAfterIdle"/>).
    /// </summary>
    public TimeSpan Silence => Volatile.Read(ref _handling) != 0 ? TimeSpan.Zero : Time.GetElapsedTime(Volatile.Read(ref _lastHeard));

    /// <summary>
    /// Gives the sending side the connection's own socket (<paramref name="socket"/>, a stream that does not own it),
    /// to write to directly instead of through the transport's pipe, whose copy of each large value then goes away.
    /// </summary>
    /// <remarks>
    /// The switch waits for the partner's first bytes after the handshake, and nothing is written meanwhile
    /// (<see cref="PrepareOutput"/>): the partner answers only once it has read the handshake, which proves that the
    /// pipe has sent everything it held, so no byte written to the socket can overtake one still in the pipe. Only for
    /// plain connections: on a TLS connection the socket carries the transport's encrypted bytes.
    /// </remarks>
    public void SendDirectlyOnceHeard(Stream socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        _pendingDirect = socket;
    }

    /// <summary>
    /// Called by the writer loop before it writes: switches to the socket when <see cref="SendDirectlyOnceHeard"/>
    /// asked for it and the partner has been heard; false while the switch still waits, and nothing may be written.
    /// </summary>
    public bool PrepareOutput()
    {
        if (_pendingDirect is null)
        {
            return true;
        }

        if (Volatile.Read(ref _heard) == 0)
        {
            return false;
        }

        DirectStream = _pendingDirect;
        _pendingDirect = null;
        _directOutput = PipeWriter.Create(DirectStream, new StreamPipeWriterOptions(minimumBufferSize: DirectBufferSize, leaveOpen: true));
        return true;
    }

    /// <summary>Writes <paramref name="block"/> to <see cref="DirectStream"/> (after <see cref="Output"/> was flushed), counting it as a write.</summary>
    public async ValueTask WriteDirectAsync(ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        Handle?.CountWrite();
        await DirectStream!.WriteAsync(block, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one handshake message (leaving any bytes after it for the data phase).</summary>
    /// <exception cref="WireFormatException">The bytes are not a handshake frame.</exception>
    /// <exception cref="EndOfStreamException">The partner closed the connection first.</exception>
    public async ValueTask<HandshakeMessage> ReadHandshakeAsync(CancellationToken cancellationToken)
    {
        var input = _transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (!buffer.IsEmpty)
            {
                MarkHeard();
            }

            if (Reader.TryReadFrame(ref buffer, out var frame))
            {
                try
                {
                    if (frame.Type != FrameType.Handshake)
                    {
                        throw new WireFormatException(RemoteMessages.ExpectedHandshakeFrame(frame.Type.ToString()));
                    }

                    return HandshakeMessage.Decode(frame.Payload, Codec.Settings);
                }
                finally
                {
                    input.AdvanceTo(buffer.Start);
                }
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new EndOfStreamException(RemoteMessages.ClosedDuringHandshake);
            }
        }
    }

    /// <summary>Writes and flushes one handshake message.</summary>
    public async ValueTask WriteHandshakeAsync(HandshakeMessage message, CancellationToken cancellationToken)
    {
        _scratch.Clear();
        message.Encode(_scratch, Codec.Settings);
        Writer.WriteHandshake(Output, _scratch.WrittenSpan);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads frames until <paramref name="handle"/> returns <see langword="true"/> (returns <see langword="true"/>) or
    /// the partner closes its side (returns <see langword="false"/>). Pings and pongs are handled here.
    /// </summary>
    /// <exception cref="WireFormatException">The partner sent invalid bytes, or closed in the middle of a frame.</exception>
    public async Task<bool> ReadLoopAsync(Func<Frame, bool> handle, CancellationToken cancellationToken)
    {
        var input = _transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _directOffered, 0);
            var buffer = result.Buffer;
            var heard = !buffer.IsEmpty;
            if (heard)
            {
                Handle?.CountRead();
                if (_heard == 0)
                {
                    // The partner sends only once it has read the handshake: a switch to writing on the socket may go ahead.
                    Volatile.Write(ref _heard, 1);
                    WriteSignal.Set();
                }
            }

            var done = false;
            Volatile.Write(ref _handling, 1);
            try
            {
                while (!done && Reader.TryReadFrame(ref buffer, out var frame))
                {
                    switch (frame.Type)
                    {
                        case FrameType.Ping:
                            Volatile.Write(ref _pongNonce, FrameReader.ReadInt64(frame));
                            Volatile.Write(ref _pongPending, 1);
                            WriteSignal.Set();
                            break;
                        case FrameType.Pong:
                            OnPong(FrameReader.ReadInt64(frame));
                            break;
                        default:
                            done = handle(frame);
                            break;
                    }

                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);

                // Silence counts only while this loop waits for bytes: handling may have run the receiving node's step on
                // this thread (inline delivery), and that time was ours, not the partner's.
                if (heard)
                {
                    MarkHeard();
                }

                Volatile.Write(ref _handling, 0);
            }

            if (done)
            {
                return true;
            }

            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty || Reader.IsAssembling)
                {
                    throw new WireFormatException(RemoteMessages.ClosedMidFrame);
                }

                return false;
            }

            cancellationToken.ThrowIfCancellationRequested();

            // Last thing before parking: from here until the pipe is written to, the reader is not touched by this loop.
            if (!Reader.DirectTarget.IsEmpty)
            {
                Volatile.Write(ref _directOffered, 1);
            }
        }
    }

    /// <inheritdoc />
    Span<byte> IDirectReadTarget.TakeOffer() => Interlocked.Exchange(ref _directOffered, 0) == 1 ? Reader.DirectTarget : default;

    /// <inheritdoc />
    void IDirectReadTarget.Received(int count)
    {
        Reader.AdvanceDirect(count);
        Handle?.CountRead();
        MarkHeard();

        // The read loop is still parked (nothing was written to its pipe), so the offer may be renewed on its behalf.
        if (!Reader.DirectTarget.IsEmpty)
        {
            Volatile.Write(ref _directOffered, 1);
        }
    }

    /// <summary>Writes an owed pong and a due ping into <see cref="Output"/> (not flushed); true if anything was written.</summary>
    /// <remarks>Only the writer loop calls this, between messages, so control frames never split a chunked message.</remarks>
    public bool WriteControl()
    {
        var wrote = false;
        if (Interlocked.Exchange(ref _pongPending, 0) == 1)
        {
            Writer.WritePong(Output, Volatile.Read(ref _pongNonce));
            wrote = true;
        }

        if (Interlocked.Exchange(ref _pingDue, 0) == 1)
        {
            Writer.WritePing(Output, Time.GetTimestamp());
            wrote = true;
        }

        return wrote;
    }

    /// <summary>
    /// Every tick: fails when the partner has been silent past <see cref="RemoteSettings.FinalTerminationDeadline"/>,
    /// schedules pings, runs <paramref name="onTick"/>, and wakes the writer. Runs until cancelled.
    /// </summary>
    /// <exception cref="RemoteEdgeException">The partner was silent too long.</exception>
    public async Task HeartbeatLoopAsync(string where, Action? onTick, CancellationToken cancellationToken)
    {
        var tick = Min(Min(Settings.PingInterval, Settings.DemandRedeliveryInterval), Settings.FinalTerminationDeadline / 4);
        using var timer = new PeriodicTimer(Max(tick, TimeSpan.FromMilliseconds(5)), Time);
        var lastPing = Time.GetTimestamp();
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var silence = Silence;
            if (silence > Settings.FinalTerminationDeadline)
            {
                throw new RemoteEdgeException(RemoteMessages.PartnerSilent(where, silence, Settings.FinalTerminationDeadline), Handle?.Edge.Id ?? "?", Peer);
            }

            if (Time.GetElapsedTime(lastPing) >= Settings.PingInterval)
            {
                lastPing = Time.GetTimestamp();
                Volatile.Write(ref _pingDue, 1);
            }

            onTick?.Invoke();
            WriteSignal.Set();
        }
    }

    /// <summary>Flushes <see cref="Output"/>; a closed partner surfaces as <see cref="IOException"/>.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        Handle?.CountWrite();
        var result = await Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCanceled)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        if (result.IsCompleted)
        {
            throw new IOException(RemoteMessages.PartnerStoppedReading);
        }
    }

    /// <summary>Best effort: writes one last frame (Fail or Cancel) within <paramref name="timeout"/>; errors are ignored because the edge already failed.</summary>
    public async Task TryWriteFinalAsync(Action<FrameWriter, PipeWriter> write, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout, Time);
        try
        {
            write(Writer, Output);
            await Output.FlushAsync(cts.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or InvalidOperationException or OperationCanceledException or WireFormatException or ObjectDisposedException)
        {
            // The connection is already broken; the local failure has been recorded and logged.
        }
    }

    /// <summary>Stops writing so the partner sees the end of the stream, while reads may continue.</summary>
    public async ValueTask CompleteOutputAsync()
    {
        try
        {
            await CompleteDirectOutputAsync().ConfigureAwait(false);
            await _transport.Output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The partner already closed; it has everything it needs (it sent Complete).
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            // A stream-backed writer flushes what is buffered on completion, which fails if the partner is gone.
            await CompleteDirectOutputAsync().ConfigureAwait(false);
            await _transport.Output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The partner is gone; the edge's outcome was recorded before the connection was closed.
        }

        try
        {
            await _transport.Input.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Same as above: closing a broken connection has nothing left to report.
        }

        if (_transport is IAsyncDisposable owned)
        {
            // A transport with a thread or socket of its own (the receiving side's) is closed and awaited here.
            await owned.DisposeAsync().ConfigureAwait(false);
        }

        if (_pendingDirect is { } unused)
        {
            await unused.DisposeAsync().ConfigureAwait(false);
        }

        Reader.Dispose();
        Writer.Dispose();
        _scratch.Dispose();
    }

    /// <summary>Flushes and closes the writer over the socket, if switched to it, before the transport closes the socket.</summary>
    private async ValueTask CompleteDirectOutputAsync()
    {
        if (Interlocked.Exchange(ref _directOutput, null) is { } direct)
        {
            try
            {
                await direct.CompleteAsync().ConfigureAwait(false);
            }
            finally
            {
                await DirectStream!.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The smaller of two durations.</summary>
    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>The larger of two durations.</summary>
    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Records that the partner is alive.</summary>
    private void MarkHeard() => Volatile.Write(ref _lastHeard, Time.GetTimestamp());

    /// <summary>Turns a pong's echoed timestamp into a round-trip sample; implausible echoes are ignored.</summary>
    private void OnPong(long sentAt)
    {
        var now = Time.GetTimestamp();
        if (sentAt <= 0 || sentAt > now)
        {
            return;
        }

        var rtt = Time.GetElapsedTime(sentAt, now);
        if (rtt < TimeSpan.FromHours(1))
        {
            Handle?.AddRoundTrip(rtt);
        }
    }
}
