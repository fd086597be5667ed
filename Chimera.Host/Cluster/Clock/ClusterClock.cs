namespace Chimera.Cluster.Clock;

/// <summary>
/// A worker's view of the manager's clock: the worker's local clock plus the offset <see cref="ClockSync"/> measured.
/// It is the clock a worker gives its stages, so <see cref="NodeContext.Now"/> and every recorded timestamp are on the
/// manager's timeline, and rows from different machines line up.
/// </summary>
/// <remarks>
/// Only wall-clock readings move: <see cref="GetTimestamp"/> and timers stay on the local monotonic clock, so pacing
/// (rates, delays) never jumps when the offset is corrected. Before the first estimate the offset is zero.
/// </remarks>
internal sealed class ClusterClock(TimeProvider local) : TimeProvider
{
    /// <summary>The offset (manager minus local) in ticks, read and written atomically.</summary>
    private long _offsetTicks;

    /// <summary>Half the round trip of the sample behind the offset, in ticks.</summary>
    private long _uncertaintyTicks;

    /// <summary>1 once an estimate has been applied.</summary>
    private int _synchronized;

    /// <summary>The worker's own clock.</summary>
    public TimeProvider Local { get; } = local;

    /// <summary>What is added to local time to get manager time.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>How far the offset may be off (half the round trip of its best probe).</summary>
    public TimeSpan Uncertainty => TimeSpan.FromTicks(Interlocked.Read(ref _uncertaintyTicks));

    /// <summary>Whether an estimate has been applied; before that readings are plain local time.</summary>
    public bool IsSynchronized => Volatile.Read(ref _synchronized) != 0;

    /// <inheritdoc />
    public override long TimestampFrequency => Local.TimestampFrequency;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => Local.LocalTimeZone;

    /// <summary>Applies a new estimate.</summary>
    public void Update(TimeSpan offset, TimeSpan uncertainty)
    {
        Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
        Interlocked.Exchange(ref _uncertaintyTicks, uncertainty.Ticks);
        Volatile.Write(ref _synchronized, 1);
    }

    /// <summary>Converts a reading on this clock back to the worker's local time.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset managerTime) => managerTime - Offset;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Local.GetUtcNow() + Offset;

    /// <inheritdoc />
    public override long GetTimestamp() => Local.GetTimestamp();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Local.CreateTimer(callback, state, dueTime, period);
}
