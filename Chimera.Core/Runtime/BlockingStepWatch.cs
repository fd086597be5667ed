using System.Diagnostics;

namespace Chimera.Runtime;

/// <summary>
/// Notices a node instance whose synchronous steps hold their thread for a millisecond or more (a blocking device read,
/// <c>Thread.Sleep</c>, heavy computation) and reserves a thread-pool thread for it (<see cref="ThreadPoolReserve"/>)
/// until the stage ends. Stages share the thread pool, which adds threads slowly when all are held: eight sources each
/// sleeping 10 ms per step on two cores stepped at 30–46 % of their rate over their first two seconds, and their sinks
/// received nothing for 1.5–2.5 s, until the pool had grown; with the reservations, 95–98 % from the start.
/// </summary>
/// <remarks>
/// Timing every step would cost two clock reads per element on the nodes that pass millions a second, so it times the
/// first steps and then one in <see cref="SampleEvery"/>, and every step while the last one timed was long. It takes
/// <see cref="LongInARow"/> long steps timed in a row, so one step whose thread was preempted on a busy machine does
/// not count. One per instance; called by the instance's stage loop only, never concurrently.
/// </remarks>
internal sealed class BlockingStepWatch : IDisposable
{
    /// <summary>A step that takes at least this long holds its thread long enough to starve others.</summary>
    public static readonly TimeSpan Long = TimeSpan.FromMilliseconds(1);

    /// <summary>Steps timed at the start, before sampling.</summary>
    private const int FirstSteps = 16;

    /// <summary>After the first steps, one step in this many is timed (a power of two).</summary>
    private const int SampleEvery = 16;

    /// <summary>Long steps timed in a row that make the instance blocking.</summary>
    private const int LongInARow = 3;

    /// <summary><see cref="Long"/> in <see cref="Stopwatch"/> ticks.</summary>
    private static readonly long s_longTicks = (long)(Long.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Steps begun.</summary>
    private long _steps;

    /// <summary>Long steps timed in a row.</summary>
    private int _longInARow;

    /// <summary>Whether this instance holds a reservation (then nothing is timed any more).</summary>
    private bool _reserved;

    /// <summary>Whether the watch was disposed (a reservation is never made afterwards).</summary>
    private bool _disposed;

    /// <summary>Whether the instance was found blocking and holds a reserved thread.</summary>
    public bool IsBlocking => _reserved;

    /// <summary>Call before a step; pass the result to <see cref="End"/>. Returns 0 when this step is not timed.</summary>
    public long Begin()
    {
        if (_reserved)
        {
            return 0;
        }

        var step = ++_steps;
        return step <= FirstSteps || _longInARow > 0 || (step & (SampleEvery - 1)) == 0 ? Stopwatch.GetTimestamp() : 0;
    }

    /// <summary>
    /// Call after a step that completed synchronously (it held the thread throughout) with what <see cref="Begin"/>
    /// returned; returns whether this step made the instance blocking, so the caller can say so once.
    /// </summary>
    public bool End(long started)
    {
        if (started == 0 || _disposed)
        {
            return false;
        }

        if (Stopwatch.GetTimestamp() - started < s_longTicks)
        {
            _longInARow = 0;
            return false;
        }

        if (++_longInARow < LongInARow)
        {
            return false;
        }

        _reserved = true;
        ThreadPoolReserve.Add();
        return true;
    }

    /// <summary>Releases the reservation, if any, when the stage ends.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_reserved)
        {
            ThreadPoolReserve.Release();
        }
    }
}
