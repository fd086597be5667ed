namespace Chimera.Examples.Basics;

/// <summary>
/// ChimeraPy's "Basics" in C#: a source emitting 2, a step multiplying by a coefficient of 3, and a printer, mapped
/// onto two workers of an embedded local cluster.
/// </summary>
public static class BasicsExample
{
    /// <summary>Builds the graph: gen → consume → print.</summary>
    public static Graph BuildGraph(int count = 5) =>
        new Graph("basics")
            .AddNode("gen", new GenNode { Value = 2, Count = count })
            .AddNode("consume", new ConsumeNode { Coef = 3 })
            .AddNode("print", new PrintNode())
            .AddEdges(("gen", "consume"), ("consume", "print"));

    /// <summary>Runs the example to completion and prints what flowed.</summary>
    public static async Task<RunReport> RunAsync(TextWriter output, int count = 5, CancellationToken cancellationToken = default)
    {
        PrintNode.Output = output;
        await using var manager = new Manager();
        var mapping = new Dictionary<string, IReadOnlyList<string>>
        {
            ["worker-1"] = ["gen", "consume"],
            ["worker-2"] = ["print"],
        };
        await manager.CommitGraphAsync(BuildGraph(count), mapping, cancellationToken).ConfigureAwait(false);
        await manager.StartAsync(cancellationToken).ConfigureAwait(false);
        var report = await manager.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(report.ToTable()).ConfigureAwait(false);
        return report;
    }
}
