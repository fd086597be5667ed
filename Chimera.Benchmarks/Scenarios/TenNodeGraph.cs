using System.Diagnostics;
using Chimera.Benchmarks.Nodes;
using Chimera.Nodes;

namespace Chimera.Benchmarks.Scenarios;

/// <summary>The graph of <c>commit.10nodes</c>: a <c>Counter</c>, eight <c>Identity</c> steps in a chain and a null sink, five nodes on each of two workers.</summary>
internal static class TenNodeGraph
{
    /// <summary>Builds the graph.</summary>
    public static Graph Create()
    {
        var graph = new Graph("ten-nodes").AddNode("n0", new Counter());
        for (var i = 1; i <= 8; i++)
        {
            graph.AddNode($"n{i}", new Identity()).AddEdge($"n{i - 1}", $"n{i}");
        }

        return graph.AddNode("n9", new NullSink()).AddEdge("n8", "n9");
    }

    /// <summary>Five nodes per worker.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Mapping() =>
        EmbeddedRun.TwoWorkers(["n0", "n1", "n2", "n3", "n4"], ["n5", "n6", "n7", "n8", "n9"]);

    /// <summary>Commits the graph on a new embedded cluster and returns how long the commit took, in milliseconds; resets afterwards.</summary>
    public static async Task<double> TimeCommitAsync(CancellationToken cancellationToken)
    {
        var manager = new Manager();
        await using (manager.ConfigureAwait(false))
        {
            return await TimeCommitAsync(manager, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Commits the graph with <paramref name="manager"/> (workers <c>w1</c> and <c>w2</c>), returns how long that took in milliseconds, and resets.</summary>
    public static async Task<double> TimeCommitAsync(Manager manager, CancellationToken cancellationToken)
    {
        var graph = Create();
        var mapping = Mapping();
        var started = Stopwatch.GetTimestamp();
        await manager.CommitGraphAsync(graph, mapping, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await manager.ResetAsync(cancellationToken).ConfigureAwait(false);
        return elapsed.TotalMilliseconds;
    }
}
