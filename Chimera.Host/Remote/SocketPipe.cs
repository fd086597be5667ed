using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Chimera.Remote;

/// <summary>
/// The receiving side's connection as a duplex pipe, read by a thread of its own that blocks in the socket's receive
/// call and, once <see cref="InlineReads"/> is set, runs the protocol's read loop on that same thread.
/// </summary>
/// <remarks>
/// Why a thread: on an idle edge each element otherwise costs two wake-ups before the read loop sees it (the socket
/// engine's epoll thread, then a thread-pool worker), which is most of the cross-process latency on small machines. A
/// thread blocked in <c>recv</c> is woken by the kernel directly. This only works while the socket has never been used
/// asynchronously (.NET then keeps the descriptor non-blocking for good and emulates blocking calls through epoll), so
/// connecting, the TLS handshake and every write here are synchronous; writes are the receiver's small control frames
/// (demand, pongs, cancel), which a healthy partner always drains. Disposing shuts the socket down, which wakes the
/// thread, and waits for it to end.
/// </remarks>
internal sealed class SocketPipe : IDuplexPipe, IAsyncDisposable
{
    /// <summary>Bytes asked of each receive call.</summary>
    private const int ReceiveSize = 64 * 1024;

    /// <summary>The socket, shut down on dispose to wake the receiving thread.</summary>
    private readonly Socket _socket;

    /// <summary>Where received bytes go; the read loop reads the other end.</summary>
    private readonly Pipe _input;

    /// <summary>Runs the read loop's continuations on the pool during the handshake and inline afterwards.</summary>
    private readonly SwitchableScheduler _readerScheduler = new();

    /// <summary>Completes when the receiving thread has ended.</summary>
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The receiving thread, once started.</summary>
    private Thread? _thread;

    /// <summary>The stream over the socket (TLS or plain); set before the receiving thread reads.</summary>
    private Stream? _stream;

    /// <summary>The reader whose offers to receive in place are taken, once reads run inline.</summary>
    private IDirectReadTarget? _direct;

    /// <summary>1 once disposing started.</summary>
    private int _disposed;

    /// <summary>Wraps an already connected <paramref name="socket"/>, which the pipe then owns, and starts receiving.</summary>
    public SocketPipe(Socket socket)
        : this(socket, connected: true)
    {
        Attach(new NetworkStream(socket, ownsSocket: true));
        Start(connect: null, name: "chimera-recv");
    }

    /// <summary>Creates the pipe over <paramref name="socket"/>; when not <paramref name="connected"/>, <see cref="ConnectAsync"/> connects it on the thread.</summary>
    private SocketPipe(Socket socket, bool connected)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Debug.Assert(connected == socket.Connected, "A connected socket is wrapped as it is; an unconnected one is connected on the receiving thread.");
        _socket = socket;

        // No writer pause: the read loop consumes every complete frame at once and never waits, so the pipe holds at
        // most one partial frame plus what arrived since the last read (a pause below one frame would deadlock).
        _input = new Pipe(new PipeOptions(
            readerScheduler: _readerScheduler,
            writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: 0,
            minimumSegmentSize: ReceiveSize,
            useSynchronizationContext: false));
        Input = _input.Reader;
        Output = new LazyOutput(this);
    }

    /// <inheritdoc />
    public PipeReader Input { get; }

    /// <inheritdoc />
    public PipeWriter Output { get; }

    /// <summary>
    /// Connects to <paramref name="endpoint"/> (and authenticates TLS with <paramref name="tls"/> when given) on a new
    /// receiving thread, then keeps that thread receiving. Cancelling closes the socket, which ends a pending connect.
    /// </summary>
    /// <exception cref="SocketException">The connection was refused or failed.</exception>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The TLS handshake failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public static async Task<SocketPipe> ConnectAsync(EndPoint endpoint, SslClientAuthenticationOptions? tls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        cancellationToken.ThrowIfCancellationRequested();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var pipe = new SocketPipe(socket, connected: false);
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pipe.Start(
            () =>
            {
                try
                {
                    socket.Connect(endpoint);
                    Stream stream = new NetworkStream(socket, ownsSocket: true);
                    if (tls is not null)
                    {
                        var secure = new SslStream(stream, leaveInnerStreamOpen: false);
                        secure.AuthenticateAsClient(tls);
                        stream = secure;
                    }

                    pipe.Attach(stream);
                    connected.TrySetResult();
                    return true;
                }
                catch (Exception error)
                {
                    connected.TrySetException(cancellationToken.IsCancellationRequested ? new OperationCanceledException(cancellationToken) : error);
                    return false;
                }
            },
            "chimera-recv " + endpoint);
        try
        {
            // Disposing the socket aborts a blocking connect (.NET disconnects it), so cancelling never waits for the OS.
            using (cancellationToken.UnsafeRegister(static state => ((Socket)state!).Dispose(), socket))
            {
                await connected.Task.ConfigureAwait(false);
            }

            // A cancellation that raced the successful connect has disposed the socket: report it as what it is.
            cancellationToken.ThrowIfCancellationRequested();
            return pipe;
        }
        catch
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The receiving thread, for tests that check it ends with the pipe.</summary>
    internal Thread? ReceiveThread => Volatile.Read(ref _thread);

    /// <summary>
    /// From now on, run the read loop's continuations on the receiving thread (after the handshake, whose caller should
    /// not), and receive the bytes <paramref name="direct"/> offers straight into their place.
    /// </summary>
    public void InlineReads(IDirectReadTarget? direct = null)
    {
        Volatile.Write(ref _direct, direct);
        _readerScheduler.RunInline = true;
    }

    /// <summary>Shuts the socket down (waking the receiving thread), closes the stream and waits for the thread to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Shutdown();
            _stream?.Dispose();
            _socket.Dispose();
        }

        await _stopped.Task.ConfigureAwait(false);
    }

    /// <summary>Shuts both directions down, which makes a blocked receive return; errors mean it is closed already.</summary>
    private void Shutdown()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // Not connected or already closed: nothing is blocked on it.
        }
    }

    /// <summary>Sets the stream once connected.</summary>
    private void Attach(Stream stream) => Volatile.Write(ref _stream, stream);

    /// <summary>Starts the receiving thread; <paramref name="connect"/>, when given, runs first and returns false to stop.</summary>
    private void Start(Func<bool>? connect, string name)
    {
        var thread = new Thread(() => Run(connect)) { IsBackground = true, Name = name };
        Volatile.Write(ref _thread, thread);
        thread.Start();
    }

    /// <summary>The receiving thread: blocks in receive, hands bytes to the pipe, ends at end of stream or on error.</summary>
    private void Run(Func<bool>? connect)
    {
        var writer = _input.Writer;
        try
        {
            if (connect is not null && !connect())
            {
                writer.Complete();
                return;
            }

            var stream = Volatile.Read(ref _stream)!;
            while (true)
            {
                // A large value's bytes go from the socket into its array, skipping the pipe and the copy out of it.
                if (Volatile.Read(ref _direct) is { } direct && direct.TakeOffer() is { IsEmpty: false } target)
                {
                    var received = stream.Read(target);
                    if (received == 0)
                    {
                        writer.Complete();
                        return;
                    }

                    direct.Received(received);
                    continue;
                }

                var memory = writer.GetMemory(ReceiveSize);
                var read = stream.Read(memory.Span);
                if (read == 0)
                {
                    writer.Complete();
                    return;
                }

                writer.Advance(read);

                // Never pauses (no threshold), so this completes at once, after running an inline read loop.
                var flush = writer.FlushAsync();
                var flushed = flush.IsCompleted ? flush.Result : flush.AsTask().GetAwaiter().GetResult();
                if (flushed.IsCompleted)
                {
                    writer.Complete();
                    return;
                }
            }
        }
        catch (Exception error)
        {
            // Closed under us (dispose), reset by the partner, or anything else: an exception escaping a thread would end
            // the worker process, so every one is handed to the read loop, which fails the edge with it (or, when the
            // pipe is being disposed, nobody reads any more).
            writer.Complete(Volatile.Read(ref _disposed) == 1 ? null : error);
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    /// <summary>The send side: a stream pipe writer over the socket once it is connected, writing synchronously.</summary>
    private sealed class LazyOutput(SocketPipe owner) : PipeWriter
    {
        /// <summary>The writer, made on first use (the stream exists only once connected).</summary>
        private PipeWriter? _writer;

        /// <summary>The writer over the connected stream.</summary>
        private PipeWriter Writer => _writer ??= Create(
            new SynchronousWriteStream(Volatile.Read(ref owner._stream) ?? throw new InvalidOperationException("The connection is not established yet.")),
            new StreamPipeWriterOptions(minimumBufferSize: ReceiveSize, leaveOpen: true));

        /// <inheritdoc />
        public override void Advance(int bytes) => Writer.Advance(bytes);

        /// <inheritdoc />
        public override void CancelPendingFlush() => Writer.CancelPendingFlush();

        /// <inheritdoc />
        public override void Complete(Exception? exception = null)
        {
            _writer?.Complete(exception);
            owner.Shutdown();
        }

        /// <inheritdoc />
        public override async ValueTask CompleteAsync(Exception? exception = null)
        {
            if (_writer is { } writer)
            {
                await writer.CompleteAsync(exception).ConfigureAwait(false);
            }

            owner.Shutdown();
        }

        /// <inheritdoc />
        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => Writer.FlushAsync(cancellationToken);

        /// <inheritdoc />
        public override Memory<byte> GetMemory(int sizeHint = 0) => Writer.GetMemory(sizeHint);

        /// <inheritdoc />
        public override Span<byte> GetSpan(int sizeHint = 0) => Writer.GetSpan(sizeHint);
    }

    /// <summary>Forwards asynchronous writes to the synchronous ones, so the socket stays in blocking mode.</summary>
    private sealed class SynchronousWriteStream(Stream inner) : Stream
    {
        /// <inheritdoc />
        public override bool CanRead => false;

        /// <inheritdoc />
        public override bool CanSeek => false;

        /// <inheritdoc />
        public override bool CanWrite => true;

        /// <inheritdoc />
        public override long Length => throw new NotSupportedException();

        /// <inheritdoc />
        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        /// <inheritdoc />
        public override void Flush() => inner.Flush();

        /// <inheritdoc />
        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            inner.Flush();
            return Task.CompletedTask;
        }

        /// <inheritdoc />
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        /// <inheritdoc />
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        /// <inheritdoc />
        public override void SetLength(long value) => throw new NotSupportedException();

        /// <inheritdoc />
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        /// <inheritdoc />
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

        /// <inheritdoc />
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            inner.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        /// <inheritdoc />
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            inner.Write(buffer, offset, count);
            return Task.CompletedTask;
        }
    }

    /// <summary>Schedules on the thread pool until <see cref="RunInline"/> is set, then runs continuations where they are signalled.</summary>
    private sealed class SwitchableScheduler : PipeScheduler
    {
        /// <summary>Whether continuations run inline.</summary>
        public volatile bool RunInline;

        /// <inheritdoc />
        public override void Schedule(Action<object?> action, object? state)
        {
            if (RunInline)
            {
                action(state);
            }
            else
            {
                System.Threading.ThreadPool.UnsafeQueueUserWorkItem(action, state, preferLocal: false);
            }
        }
    }
}
