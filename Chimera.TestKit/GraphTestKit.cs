using Chimera.TestKit.Internal;

namespace Chimera.TestKit;

/// <summary>
/// Runs a few nodes wired together, on the real runtime, with probes at the edges: publisher probes feed named entry
/// nodes and subscriber probes observe named nodes' outputs. Nodes of the graph without inputs run as sources on the
/// test clock.
/// </summary>
/// <example>
/// <code>
/// var graph = new Graph().AddNode("double", new Multiply { Factor = 2 }).AddNode("inc", new Add { Amount = 1 }).AddEdge("double", "inc");
/// await using var run = await GraphTestKit.RunAsync(graph, inputs: new Dictionary&lt;string, IReadOnlyList&lt;string&gt;&gt; { ["gen"] = ["double"] }, outputs: ["inc"]);
/// run.Output("inc").Request(1);
/// await run.Input("gen").SendNextAsync(5L);
/// await run.Output("inc").ExpectNextAsync(11L);
/// </code>
/// </example>
public static class GraphTestKit
{
    /// <summary>The suffix of the stand-in downstream node a subscriber probe plays: observing <c>sum</c> adds an edge <c>sum -> sum.probe</c>.</summary>
    public const string ProbeSuffix = ".probe";

    /// <summary>
    /// Copies <paramref name="graph"/> (it is not changed or frozen), adds a stand-in node per probe, compiles the copy,
    /// and sets up and starts the graph's nodes on a real partition runtime.
    /// </summary>
    /// <param name="graph">The nodes under test and their edges; their node and edge options apply.</param>
    /// <param name="inputs">Publisher probe name → the graph's nodes it feeds. The probe's name is the upstream name those nodes see.</param>
    /// <param name="outputs">The graph's nodes whose output a subscriber probe observes. Observing adds a downstream branch, which the node feeds like any other (lossless fan-out).</param>
    /// <param name="options">Edge options of the probes, clock, recorder and timeout.</param>
    /// <param name="cancellationToken">Cancels setup.</param>
    /// <exception cref="GraphValidationException">The graph with its probes is not valid (for example a probe named like a node).</exception>
    /// <exception cref="CommitFailedException">A node could not be created or its setup threw.</exception>
    public static async Task<GraphProbe> RunAsync(
        Graph graph,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? inputs = null,
        IReadOnlyList<string>? outputs = null,
        GraphTestOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        inputs ??= new Dictionary<string, IReadOnlyList<string>>();
        outputs ??= [];
        options ??= new GraphTestOptions();

        var copy = new Graph(graph.Name);
        foreach (var (name, _) in inputs)
        {
            copy.AddNode(name, new ProbeEnds.Placeholder());
        }

        foreach (var node in graph.Nodes)
        {
            copy.AddNode(node.Node, node.Options);
        }

        foreach (var edge in graph.Edges)
        {
            copy.AddEdge(edge.From, edge.To, edge.Options);
        }

        foreach (var (name, targets) in inputs)
        {
            foreach (var target in targets)
            {
                copy.AddEdge(name, target, options.InputEdge);
            }
        }

        foreach (var observed in outputs)
        {
            copy.AddNode(observed + ProbeSuffix, new ProbeEnds.Placeholder());
            copy.AddEdge(observed, observed + ProbeSuffix, options.OutputEdge);
        }

        var harness = await ProbeHarness.StartAsync(
            copy,
            [.. graph.Nodes.Select(n => n.Name)],
            [.. outputs.Select(o => (o, o + ProbeSuffix))],
            options,
            cancellationToken).ConfigureAwait(false);
        return new GraphProbe(harness);
    }
}
