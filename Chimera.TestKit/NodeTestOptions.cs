namespace Chimera.TestKit;

/// <summary>Options of a single-node run under <see cref="NodeTestKit.RunAsync"/>.</summary>
public sealed class NodeTestOptions : TestKitOptions
{
    /// <summary>The node's options in the graph (trigger, parallelism, supervision). Defaults to the graph defaults.</summary>
    public NodeOptions Node { get; set; } = new();

    /// <summary>
    /// The names of the node's downstream nodes, each observed by a subscriber probe. The node sees them in
    /// <see cref="NodeContext.Downstream"/> and can route to them. An empty list makes the node a sink.
    /// </summary>
    /// <value>Defaults to one downstream node named <c>out</c>.</value>
    public IReadOnlyList<string> Outputs { get; set; } = ["out"];

    /// <summary>Per-input edge options that replace <see cref="TestKitOptions.InputEdge"/> for the named upstream probes (for example to follow one input).</summary>
    public IDictionary<string, EdgeOptions> InputEdges { get; } = new Dictionary<string, EdgeOptions>(StringComparer.Ordinal);
}
