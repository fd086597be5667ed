namespace Chimera.Runtime;

/// <summary>
/// Thread-pool threads reserved for node instances whose synchronous steps hold their thread for milliseconds: the
/// pool's minimum number of worker threads is raised by one per reservation, and to at least one more than the pool
/// has at that moment, so that while those steps hold threads the pool starts another at once when work waits,
/// instead of after the delay with which it injects threads (about one a second when all of them are held).
/// Process-wide, as the pool is.
/// </summary>
/// <remarks>
/// The minimum is restored to what it was before the first reservation once the last one is released. A host that
/// changes the pool's minimum itself while reservations are held has its value replaced then.
/// </remarks>
internal static class ThreadPoolReserve
{
    /// <summary>Guards the fields below.</summary>
    private static readonly Lock s_gate = new();

    /// <summary>The reservations held.</summary>
    private static int s_reserved;

    /// <summary>The pool's minimum worker threads before the first reservation.</summary>
    private static int s_baseWorkers;

    /// <summary>The pool's minimum I/O completion threads before the first reservation, set back unchanged.</summary>
    private static int s_baseIo;

    /// <summary>The reservations held now, process-wide.</summary>
    public static int Reserved
    {
        get
        {
            lock (s_gate)
            {
                return s_reserved;
            }
        }
    }

    /// <summary>Reserves one more thread.</summary>
    public static void Add()
    {
        lock (s_gate)
        {
            if (s_reserved == 0)
            {
                ThreadPool.GetMinThreads(out s_baseWorkers, out s_baseIo);
            }

            s_reserved++;

            // At least one thread more than the pool has now: threads held by anything else (a host's own blocking
            // calls) would otherwise use up the reservation, and the next held node would wait for the pool to grow.
            ThreadPool.SetMinThreads(Math.Max(s_baseWorkers + s_reserved, ThreadPool.ThreadCount + 1), s_baseIo);
        }
    }

    /// <summary>Releases a reservation <see cref="Add"/> made.</summary>
    public static void Release()
    {
        lock (s_gate)
        {
            if (s_reserved == 0)
            {
                return;
            }

            s_reserved--;
            ThreadPool.SetMinThreads(s_baseWorkers + s_reserved, s_baseIo);
        }
    }
}
