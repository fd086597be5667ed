namespace Chimera.Examples.Basics;

/// <summary>ChimeraPy's <c>RandomNode</c> example: random integers produced on one worker and printed on another.</summary>
public static class RandomExample
{
    /// <summary>Builds the graph: random → print.</summary>
    /// <param name="count">How many values the source emits.</param>
    /// <param name="seed">The source's seed.</param>
    /// <returns>The graph.</returns>
    public static Graph BuildGraph(int count = 5, int seed = 42) =>
        new Graph("basics-random")
            .AddNode("random", new RandomNode { Count = count, Seed = seed })
            .AddNode("print", new PrintNode())
            .AddEdge("random", "print");

    /// <summary>Runs the example to completion on two local workers and prints what flowed.</summary>
    /// <param name="output">Where the printer and the report write.</param>
    /// <param name="count">How many values the source emits.</param>
    /// <param name="cancellationToken">Stops the example.</param>
    /// <returns>The run's counters.</returns>
    public static async Task<RunReport> RunAsync(TextWriter output, int count = 5, CancellationToken cancellationToken = default)
    {
        PrintNode.Output = output;

        // No worker has joined this manager, so it runs the mapping on an embedded local cluster: one in-process
        // worker per name, the cross-worker edge an in-memory channel.
        await using var manager = new Manager();
        var mapping = new Dictionary<string, IReadOnlyList<string>>
        {
            ["worker-1"] = ["random"],
            ["worker-2"] = ["print"],
        };
        await manager.CommitGraphAsync(BuildGraph(count), mapping, cancellationToken).ConfigureAwait(false);
        await manager.StartAsync(cancellationToken).ConfigureAwait(false);
        var report = await manager.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(report.ToTable()).ConfigureAwait(false);
        return report;
    }
}
