namespace Chimera.TestKit.Internal;

/// <summary>
/// A timer of a <see cref="ManualClock"/>: it holds its next due time in the clock's ticks and fires only when the
/// clock is advanced past it (or at once, on the thread pool, when created or changed with a zero due time).
/// </summary>
internal sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
{
    /// <summary>The next due time in clock ticks, or null when stopped; read and written under the clock's lock.</summary>
    public long? DueTicks { get; private set; }

    /// <summary>The period in ticks, or 0 for a one-shot timer.</summary>
    private long _period;

    /// <summary>Whether the timer was disposed; a disposed timer never fires and cannot change.</summary>
    private volatile bool _disposed;

    /// <inheritdoc />
    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, nameof(dueTime));
        Validate(period, nameof(period));
        if (_disposed)
        {
            return false;
        }

        var fireNow = false;
        clock.Locked(now =>
        {
            _period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                DueTicks = null;
            }
            else if (dueTime == TimeSpan.Zero)
            {
                fireNow = true;
                DueTicks = _period > 0 ? now + _period : null;
            }
            else
            {
                DueTicks = now + dueTime.Ticks;
            }
        });

        if (fireNow)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static t => t.Fire(), this, preferLocal: false);
        }

        return true;
    }

    /// <summary>Moves the due time one period on, or stops a one-shot timer; called under the clock's lock when it fires.</summary>
    public void Reschedule() => DueTicks = _period > 0 ? DueTicks + _period : null;

    /// <summary>Runs the callback unless the timer was disposed meanwhile.</summary>
    public void Fire()
    {
        if (!_disposed)
        {
            callback(state);
        }
    }

    /// <summary>Says when the timer is due, for leak reports.</summary>
    public string Describe(long now) => DueTicks is { } due
        ? $"a timer due in {ProbeText.Duration(TimeSpan.FromTicks(due - now))}{(_period > 0 ? $", every {ProbeText.Duration(TimeSpan.FromTicks(_period))}" : string.Empty)}"
        : "a stopped timer that was never disposed";

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        clock.Remove(this);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Validate(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be zero or more, or Timeout.InfiniteTimeSpan.");
        }
    }
}
