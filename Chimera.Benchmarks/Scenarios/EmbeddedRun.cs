using System.Diagnostics;

namespace Chimera.Benchmarks.Scenarios;

/// <summary>Runs a graph on the embedded local cluster (workers inside this process, edges are in-memory channels).</summary>
internal static class EmbeddedRun
{
    /// <summary>
    /// Commits <paramref name="graph"/> (not timed), starts it, lets it run for <paramref name="window"/>, then stops it
    /// and waits for the drain. The elapsed time runs from start until the drain finished, so every element the sinks
    /// counted falls inside it; so do the allocated bytes (every thread of the process) and the gen-0 collections.
    /// </summary>
    public static async Task<EmbeddedResult> RunForAsync(
        Graph graph,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? mapping,
        TimeSpan window,
        CancellationToken cancellationToken)
    {
        var manager = new Manager();
        await using (manager.ConfigureAwait(false))
        {
            await manager.CommitGraphAsync(graph, mapping, cancellationToken).ConfigureAwait(false);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var collections = GC.CollectionCount(0);
            var started = Stopwatch.GetTimestamp();
            await manager.StartAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(window, cancellationToken).ConfigureAwait(false);
            var report = await manager.StopAsync(cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            return new EmbeddedResult(elapsed, report, GC.GetTotalAllocatedBytes(precise: true) - allocated, GC.CollectionCount(0) - collections);
        }
    }

    /// <summary>The steps of the named node (summed over its instances).</summary>
    public static long Steps(RunReport report, string node) => report.Nodes.Where(n => n.Name == node).Sum(n => n.Steps);

    /// <summary>A mapping onto two workers.</summary>
    public static Dictionary<string, IReadOnlyList<string>> TwoWorkers(IReadOnlyList<string> first, IReadOnlyList<string> second) =>
        new(StringComparer.Ordinal) { ["w1"] = first, ["w2"] = second };
}
