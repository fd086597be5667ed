using System.Diagnostics;

namespace Chimera.Benchmarks.Scenarios;

/// <summary>Runs a graph on the embedded local cluster (workers inside this process, edges are in-memory channels).</summary>
internal static class EmbeddedRun
{
    /// <summary>
    /// Commits <paramref name="graph"/> (not timed), starts it, lets it run for <paramref name="window"/>, then stops it
    /// and waits for the drain. The elapsed time runs from start until the drain finished, so every element the sinks
    /// counted falls inside it.
    /// </summary>
    public static async Task<(TimeSpan Elapsed, RunReport Report)> RunForAsync(
        Graph graph,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? mapping,
        TimeSpan window,
        CancellationToken cancellationToken)
    {
        var manager = new Manager();
        await using (manager.ConfigureAwait(false))
        {
            await manager.CommitGraphAsync(graph, mapping, cancellationToken).ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            await manager.StartAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(window, cancellationToken).ConfigureAwait(false);
            var report = await manager.StopAsync(cancellationToken).ConfigureAwait(false);
            return (Stopwatch.GetElapsedTime(started), report);
        }
    }

    /// <summary>The steps of the named node (summed over its instances).</summary>
    public static long Steps(RunReport report, string node) => report.Nodes.Where(n => n.Name == node).Sum(n => n.Steps);

    /// <summary>A mapping onto two workers.</summary>
    public static Dictionary<string, IReadOnlyList<string>> TwoWorkers(IReadOnlyList<string> first, IReadOnlyList<string> second) =>
        new(StringComparer.Ordinal) { ["w1"] = first, ["w2"] = second };
}
