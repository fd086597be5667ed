using System.Threading.Channels;

namespace Chimera.Recording;

/// <summary>
/// One recorded stream: a bounded queue (full = the saving node waits) drained by one owned writer task that writes
/// the file(s) off the node's thread, flushes every <see cref="RecordingOptions.FlushInterval"/>, and closes them when
/// the stream is disposed. Subclasses implement the format.
/// </summary>
/// <remarks>A writer failure is kept: the next save and <see cref="DisposeAsync"/> report it, naming the stream and file.</remarks>
internal abstract class RecordingStream : IAsyncDisposable
{
    /// <summary>The queue between the node and the writer.</summary>
    private readonly Channel<Entry> _queue;

    /// <summary>Serializes <see cref="Prepare"/> so validation against the first entry is consistent.</summary>
    private readonly Lock _prepareLock = new();

    /// <summary>The writer loop, started by <see cref="Start"/>.</summary>
    private Task _writer = Task.CompletedTask;

    /// <summary>Cancels the writer's file work once closing has taken longer than <see cref="RecordingOptions.CloseTimeout"/>.</summary>
    private readonly CancellationTokenSource _closing = new();

    /// <summary>The writer's failure, if any.</summary>
    private volatile Exception? _failure;

    /// <summary>Creates the stream; call <see cref="Start"/> once construction is complete.</summary>
    protected RecordingStream(StreamLocation location, RecordingKind kind, RecordingOptions options)
    {
        Location = location;
        Kind = kind;
        Options = options;
        _queue = Channel.CreateBounded<Entry>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>Where the stream lives.</summary>
    public StreamLocation Location { get; }

    /// <summary>The stream's kind.</summary>
    public RecordingKind Kind { get; }

    /// <summary>The run's options.</summary>
    protected RecordingOptions Options { get; }

    /// <summary>The main file, for messages.</summary>
    protected abstract string MainPath { get; }

    /// <summary>The writer's failure, or <see langword="null"/>.</summary>
    public Exception? Failure => _failure;

    /// <summary>Starts the writer task.</summary>
    public void Start() => _writer = Task.Run(WriteLoopAsync);

    /// <summary>Validates and copies the value on the caller's thread, then queues it, waiting while the queue is full.</summary>
    /// <exception cref="ArgumentException">The value does not fit the stream (checked first, so the same call always gets the same answer).</exception>
    /// <exception cref="IOException">The writer failed earlier.</exception>
    /// <exception cref="ObjectDisposedException">The recording was closed.</exception>
    public async ValueTask EnqueueAsync(object value, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        // The value is checked before the writer's state: the writer fails in the background, and a caller's mistake
        // must not be reported as an I/O failure or not depending on whether the writer got there first.
        object prepared;
        lock (_prepareLock)
        {
            prepared = Prepare(value);
        }

        try
        {
            ThrowIfFailed();
            if (!_queue.Writer.TryWrite(new Entry(prepared, timestamp)))
            {
                await _queue.Writer.WriteAsync(new Entry(prepared, timestamp), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ChannelClosedException)
        {
            Release(prepared);
            ThrowIfFailed();
            throw new ObjectDisposedException(GetType().Name, RecordingMessages.Closed(Location.ToString()));
        }
        catch
        {
            Release(prepared);
            throw;
        }
    }

    /// <summary>Completes the queue, lets the writer drain it and close the files, and awaits it.</summary>
    /// <remarks>Never throws; read <see cref="Failure"/> afterwards. Draining and closing together get
    /// <see cref="RecordingOptions.CloseTimeout"/>; then the writer's file work is cancelled (and ffmpeg killed), so a hung
    /// encoder or disk cannot hang the run's shutdown.</remarks>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _closing.CancelAfter(Options.CloseTimeout);
        await _writer.ConfigureAwait(false);
        _closing.Dispose();
    }

    /// <summary>Checks the value (type, consistency with the first entry) and copies what the caller might change.</summary>
    /// <exception cref="ArgumentException">The value does not belong in this stream; the message names it.</exception>
    protected abstract object Prepare(object value);

    /// <summary>Releases a prepared value that will not be written (pooled buffers).</summary>
    protected virtual void Release(object prepared)
    {
    }

    /// <summary>Writes one prepared entry (the first call opens the files).</summary>
    protected abstract ValueTask WriteAsync(object prepared, DateTimeOffset timestamp, CancellationToken cancellationToken);

    /// <summary>Pushes buffered data to the operating system so a crash loses little.</summary>
    protected abstract ValueTask FlushAsync(CancellationToken cancellationToken);

    /// <summary>Finishes and closes the files after the last entry.</summary>
    protected abstract ValueTask CloseAsync(CancellationToken cancellationToken);

    /// <summary>Releases everything after a failure (kill ffmpeg, close files) without throwing.</summary>
    protected abstract ValueTask AbortAsync();

    /// <summary>Throws the writer's failure, if any.</summary>
    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw new IOException(failure.Message, failure);
        }
    }

    /// <summary>Drains the queue into the files, flushing on schedule, until the queue completes.</summary>
    private async Task WriteLoopAsync()
    {
        var closing = _closing;
        var reader = _queue.Reader;
        var interval = Options.FlushInterval;
        var lastFlush = Environment.TickCount64;
        var dirty = false;
        try
        {
            while (true)
            {
                while (reader.TryRead(out var entry))
                {
                    try
                    {
                        if (Options.BeforeWrite is { } hook)
                        {
                            await hook(closing.Token).ConfigureAwait(false);
                        }

                        await WriteAsync(entry.Value, entry.Timestamp, closing.Token).ConfigureAwait(false);
                    }
                    finally
                    {
                        Release(entry.Value);
                    }

                    dirty = true;
                    if (Environment.TickCount64 - lastFlush >= interval.TotalMilliseconds)
                    {
                        await FlushAsync(closing.Token).ConfigureAwait(false);
                        lastFlush = Environment.TickCount64;
                        dirty = false;
                    }
                }

                bool more;
                if (dirty)
                {
                    var remaining = Math.Max(1, (long)interval.TotalMilliseconds - (Environment.TickCount64 - lastFlush));
                    using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(remaining));
                    try
                    {
                        more = await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (wait.IsCancellationRequested)
                    {
                        await FlushAsync(closing.Token).ConfigureAwait(false);
                        lastFlush = Environment.TickCount64;
                        dirty = false;
                        continue;
                    }
                }
                else
                {
                    more = await reader.WaitToReadAsync().ConfigureAwait(false);
                }

                if (!more)
                {
                    break;
                }
            }

            await CloseAsync(closing.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var reason = e is OperationCanceledException
                ? $"closing {MainPath} took longer than {Options.CloseTimeout}."
                : $"{MainPath}: {e.Message}";
            _failure = new IOException(RecordingMessages.WriterFailed(Location.ToString(), reason), e);
            _queue.Writer.TryComplete(_failure);
            while (reader.TryRead(out var dropped))
            {
                Release(dropped.Value);
            }

            await AbortAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One queued entry.</summary>
    private readonly record struct Entry(object Value, DateTimeOffset Timestamp);
}
