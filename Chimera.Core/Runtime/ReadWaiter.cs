using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace Chimera.Runtime;

/// <summary>
/// The one pending "wait until readable" of an <see cref="EdgeChannel"/>'s single reader, reused from wait to wait so
/// a reader that keeps catching up with its writer does not allocate per wait. The continuation runs on the thread
/// pool, never inline on the writer's thread, unless the channel allows it after a long enough wait.
/// </summary>
/// <remarks>
/// <para>A wake-up goes to the pool's global queue, not to the writer thread's own: that thread often goes on to run
/// another stage's loop, which keeps it while its input has elements (and a node whose step blocks its thread keeps it
/// throughout), and a reader woken into its queue then waited until that loop ran dry. Through the global queue any
/// pool thread takes it, first come first served (a test saw an idle sink wait ~90 ms behind a blocking one before).</para>
/// <para>A wait is identified by a generation number: whoever completes it (a writer, completion, the reader's
/// cancellation) must name the generation it saw under the channel's lock, so a late completer can never complete a
/// later wait with a stale answer.</para>
/// </remarks>
internal sealed class ReadWaiter : IValueTaskSource<bool>, IThreadPoolWorkItem
{
    /// <summary>The reusable completion state; completions are queued to the pool (<see cref="IThreadPoolWorkItem.Execute"/>), or run inline after a long wait.</summary>
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

    /// <summary>Cancels the pending wait when the reader's token fires.</summary>
    private CancellationTokenRegistration _registration;

    /// <summary>The generation of the pending wait, or 0 when none is pending (or it was completed).</summary>
    private int _armed;

    /// <summary>The answer a queued completion (<see cref="IThreadPoolWorkItem.Execute"/>) hands the reader.</summary>
    private bool _readable;

    /// <summary>The last generation handed out.</summary>
    private int _generation;

    /// <summary>When the pending wait began (<see cref="Stopwatch"/> ticks) if it was timed, else 0; for <see cref="Complete"/>'s idle test.</summary>
    private long _armedAt;

    /// <summary>
    /// Starts a wait and returns its generation through <paramref name="generation"/>; <paramref name="timed"/> notes
    /// when it began, which only <see cref="Complete"/>'s idle test needs. Call under the channel's lock, only after the
    /// previous wait's result was taken (single reader).
    /// </summary>
    public ValueTask<bool> Arm(CancellationToken cancellationToken, bool timed, out int generation)
    {
        _core.Reset();
        _armedAt = timed ? Stopwatch.GetTimestamp() : 0;
        generation = ++_generation == 0 ? ++_generation : _generation;
        Volatile.Write(ref _armed, generation);
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((ReadWaiter)state!).Cancel(token),
                this);
        }

        return new ValueTask<bool>(this, _core.Version);
    }

    /// <summary>
    /// Completes wait <paramref name="generation"/> with <paramref name="readable"/>, unless it already completed. The
    /// reader continues on the calling thread when its timed wait lasted at least <paramref name="inlineAfter"/> ticks
    /// (0: never), else on the thread pool.
    /// </summary>
    public void Complete(int generation, bool readable, long inlineAfter = 0)
    {
        if (generation != 0 && Interlocked.CompareExchange(ref _armed, 0, generation) == generation)
        {
            _core.RunContinuationsAsynchronously = false;
            if (inlineAfter <= 0 || _armedAt == 0 || Stopwatch.GetTimestamp() - _armedAt < inlineAfter)
            {
                _readable = readable;
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }

            _core.SetResult(readable);
        }
    }

    /// <summary>
    /// Completes wait <paramref name="generation"/> as readable, unless it already completed, and runs the reader's
    /// continuation on the calling thread: for a reader that asked to run on its writer's thread, a batch at a time.
    /// </summary>
    public void CompleteInline(int generation)
    {
        if (generation != 0 && Interlocked.CompareExchange(ref _armed, 0, generation) == generation)
        {
            _core.RunContinuationsAsynchronously = false;
            _core.SetResult(true);
        }
    }

    /// <summary>Completes the wait on a pool thread, which then runs the reader's continuation.</summary>
    void IThreadPoolWorkItem.Execute() => _core.SetResult(_readable);

    /// <summary>Fails wait <paramref name="generation"/> with <paramref name="error"/>, unless it already completed.</summary>
    public void Fail(int generation, Exception error)
    {
        if (generation != 0 && Interlocked.CompareExchange(ref _armed, 0, generation) == generation)
        {
            _core.RunContinuationsAsynchronously = true;
            _core.SetException(error);
        }
    }

    /// <inheritdoc />
    public bool GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            // Waits for a cancellation callback still running, so it cannot touch the next wait.
            _registration.Dispose();
            _registration = default;
        }
    }

    /// <inheritdoc />
    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    /// <inheritdoc />
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    /// <summary>The reader's token fired: the pending wait ends cancelled.</summary>
    private void Cancel(CancellationToken token) => Fail(Volatile.Read(ref _armed), new OperationCanceledException(token));
}
