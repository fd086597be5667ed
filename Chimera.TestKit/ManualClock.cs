using Chimera.TestKit.Internal;

namespace Chimera.TestKit;

/// <summary>
/// A <see cref="TimeProvider"/> that moves only when the test calls <see cref="Advance"/>, so time-based nodes (paced
/// sources, timeouts, restart back-off) are tested without sleeping. Timers created through it (which is what
/// <c>Task.Delay(delay, clock, token)</c> and <c>clock.CreateTimer</c> use) fire in due order during
/// <see cref="Advance"/>, on the thread that advances.
/// </summary>
/// <remarks>
/// <para>Timestamps tick at <see cref="TimeSpan.TicksPerSecond"/> and start at 0; the wall clock starts at
/// <see cref="DefaultStart"/> unless another start is given.</para>
/// <para>A timer created with a due time of zero fires at once on the thread pool, as a system timer would.</para>
/// </remarks>
public sealed class ManualClock : TimeProvider
{
    /// <summary>The wall-clock time a clock starts at when none is given: 2026-01-01T00:00:00Z, fixed so runs are repeatable.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Guards the time, the timers and the waiters; callbacks always run outside it.</summary>
    private readonly Lock _gate = new();

    /// <summary>Every timer not yet disposed, in creation order (which breaks ties between equal due times).</summary>
    private readonly List<ManualTimer> _timers = [];

    /// <summary>Tests waiting for a number of scheduled timers.</summary>
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

    /// <summary>The wall-clock time at timestamp 0.</summary>
    private readonly DateTimeOffset _start;

    /// <summary>Time advanced so far, in ticks.</summary>
    private long _elapsed;

    /// <summary>Creates a clock standing at <paramref name="start"/> (or <see cref="DefaultStart"/>).</summary>
    public ManualClock(DateTimeOffset? start = null)
    {
        _start = start ?? DefaultStart;
    }

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>How much time has been advanced since the clock was created.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (_gate)
            {
                return TimeSpan.FromTicks(_elapsed);
            }
        }
    }

    /// <summary>The timers that are scheduled to fire (created, not disposed, and not stopped with an infinite due time).</summary>
    public int ScheduledTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.DueTicks is not null);
            }
        }
    }

    /// <summary>Describes every timer not yet disposed, for leak reports: when it is due, relative to now.</summary>
    public IReadOnlyList<string> DescribeTimers()
    {
        lock (_gate)
        {
            return [.. _timers.Select(t => t.Describe(_elapsed))];
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _start.AddTicks(_elapsed);
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _elapsed;
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Moves time forward by <paramref name="delta"/>, firing every timer that falls due on the way, in due order, with
    /// the clock standing at each timer's due time while its callback runs. A periodic timer fires once per period passed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        long target;
        lock (_gate)
        {
            target = _elapsed + delta.Ticks;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = null;
                foreach (var timer in _timers)
                {
                    if (timer.DueTicks is { } due && due <= target && (next is null || due < next.DueTicks))
                    {
                        next = timer;
                    }
                }

                if (next is null)
                {
                    _elapsed = Math.Max(_elapsed, target);
                    break;
                }

                _elapsed = Math.Max(_elapsed, next.DueTicks!.Value);
                next.Reschedule();
            }

            next.Fire();
        }

        NotifyWaiters();
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> timers are scheduled, so a test advances only after the node has
    /// started waiting (advancing earlier moves time past a timer that does not exist yet).
    /// </summary>
    /// <param name="count">How many scheduled timers to wait for; at least 1.</param>
    /// <param name="timeout">How long to wait in real time, scaled by <see cref="TestTimeouts.Scale"/>; defaults to <see cref="TestTimeouts.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="ExpectationFailedException">Fewer timers were scheduled when the timeout passed.</exception>
    public async Task WaitForTimersAsync(int count = 1, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var limit = TestTimeouts.Resolve(timeout);
        TaskCompletionSource done;
        lock (_gate)
        {
            if (_timers.Count(t => t.DueTicks is not null) >= count)
            {
                return;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
        }

        try
        {
            await done.Task.WaitAsync(limit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new ExpectationFailedException(
                $"Expected {count} scheduled timer(s) on the test clock, but {ScheduledTimers} were scheduled after waiting {ProbeText.Duration(limit)}. Does the node take its time from Context.Clock?");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.RemoveAll(w => w.Done == done);
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> under the clock's lock, so timer state changes are atomic with <see cref="Advance"/>.</summary>
    internal void Locked(Action<long> action)
    {
        lock (_gate)
        {
            action(_elapsed);
        }

        NotifyWaiters();
    }

    /// <summary>Forgets a disposed timer.</summary>
    internal void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private void NotifyWaiters()
    {
        List<TaskCompletionSource> ready;
        lock (_gate)
        {
            var scheduled = _timers.Count(t => t.DueTicks is not null);
            ready = [.. _waiters.Where(w => scheduled >= w.Count).Select(w => w.Done)];
        }

        foreach (var done in ready)
        {
            done.TrySetResult();
        }
    }
}
