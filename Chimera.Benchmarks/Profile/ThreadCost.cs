using System.Diagnostics;

namespace Chimera.Benchmarks.Profile;

/// <summary>Times a single-threaded loop and counts what it allocated, both per element: the unit of the <c>profile.*</c> figures.</summary>
internal static class ThreadCost
{
    /// <summary>Runs <paramref name="loop"/> once over <paramref name="elements"/> elements; nanoseconds and bytes allocated (this thread) per element.</summary>
    public static double Measure(Action loop, long elements, out double bytesPerElement)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        loop();
        var elapsed = Stopwatch.GetElapsedTime(started);
        bytesPerElement = (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / elements;
        return elapsed.TotalNanoseconds / elements;
    }
}
