using Chimera.TestKit.Internal;

namespace Chimera.TestKit;

/// <summary>
/// Runs one node in isolation, on the real runtime, between probes: a <see cref="PublisherProbe"/> per input plays
/// each upstream node and a <see cref="SubscriberProbe"/> per output plays each downstream node. This is what
/// Akka.Streams.TestKit's <c>TestSource</c>/<c>TestSink</c> give Akka users.
/// </summary>
/// <example>
/// <code>
/// await using var probe = await NodeTestKit.RunAsync(new Multiply { Factor = 3 }, inputs: ["gen"]);
/// probe.Output.Request(1);
/// await probe.Input("gen").SendNextAsync(2L);
/// await probe.Output.ExpectNextAsync(6L);
/// </code>
/// </example>
public static class NodeTestKit
{
    /// <summary>
    /// Builds a graph of the node and one stand-in per input and output, compiles it (so the node's configuration goes
    /// through JSON as on a worker), sets the node up and starts it in a real node stage.
    /// </summary>
    /// <param name="node">The node to test, configured through its properties. It is a template: the running instance is rebuilt from its configuration.</param>
    /// <param name="inputs">The names of the upstream nodes the probes play, in edge order; none makes the node a source.</param>
    /// <param name="options">Node and edge options, clock, recorder and timeout; defaults are described on <see cref="NodeTestOptions"/>.</param>
    /// <param name="cancellationToken">Cancels setup.</param>
    /// <returns>The running node with its probes; dispose it (or call <see cref="NodeProbe.StopAsync"/>) to end the run.</returns>
    /// <exception cref="GraphValidationException">The names or options do not form a valid graph (for example an input named like the node).</exception>
    /// <exception cref="CommitFailedException">The node could not be created or its setup threw.</exception>
    public static async Task<NodeProbe> RunAsync(Node node, IReadOnlyList<string>? inputs = null, NodeTestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        inputs ??= [];
        options ??= new NodeTestOptions();

        var graph = new Graph($"testkit-{node.Name}");
        foreach (var input in inputs)
        {
            graph.AddNode(input, new ProbeEnds.Placeholder());
        }

        graph.AddNode(node, options.Node);
        foreach (var input in inputs)
        {
            graph.AddEdge(input, node.Name, options.InputEdges.TryGetValue(input, out var edge) ? edge : options.InputEdge);
        }

        foreach (var output in options.Outputs)
        {
            graph.AddNode(output, new ProbeEnds.Placeholder());
            graph.AddEdge(node.Name, output, options.OutputEdge);
        }

        var harness = await ProbeHarness.StartAsync(
            graph,
            [node.Name],
            [.. options.Outputs.Select(o => (node.Name, o))],
            options,
            cancellationToken).ConfigureAwait(false);
        return new NodeProbe(node.Name, harness);
    }
}
