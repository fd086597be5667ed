namespace Chimera;

/// <summary>
/// A directed acyclic graph of nodes: what the user composes before committing it to a cluster. Add nodes and edges,
/// then <see cref="Validate"/> or <see cref="Compile"/> it into a <see cref="Blueprint"/>.
/// </summary>
/// <remarks>Adding is lenient and validation is strict: every problem is reported at once by <see cref="Validate"/>.
/// A graph is frozen once compiled; changing it afterwards throws.</remarks>
public sealed partial class Graph
{
    private readonly List<GraphNode> _nodes = [];
    private readonly List<GraphEdge> _edges = [];

    /// <summary>Creates an empty graph.</summary>
    /// <param name="name">A name for the graph, used in blueprints, logs and recordings.</param>
    public Graph(string name = "graph")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The graph's name.</summary>
    public string Name { get; }

    /// <summary>The nodes in the order they were added.</summary>
    public IReadOnlyList<GraphNode> Nodes => _nodes;

    /// <summary>The edges in the order they were added.</summary>
    public IReadOnlyList<GraphEdge> Edges => _edges;

    /// <summary>Whether the graph has been compiled and can no longer change.</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>Adds a node under its <see cref="Node.Name"/>.</summary>
    public Graph AddNode(Node node, NodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ThrowIfFrozen();
        _nodes.Add(new GraphNode(node.Name, node, options ?? new NodeOptions()));
        return this;
    }

    /// <summary>Adds a node under the given name (the node's <see cref="Node.Name"/> is set to it).</summary>
    public Graph AddNode(string name, Node node, NodeOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(node);
        node.Name = name;
        return AddNode(node, options);
    }

    /// <summary>Adds several nodes with default options.</summary>
    public Graph AddNodes(params IEnumerable<Node> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        foreach (var node in nodes)
        {
            AddNode(node);
        }

        return this;
    }

    /// <summary>Adds an edge between two nodes of the graph.</summary>
    public Graph AddEdge(Node from, Node to, EdgeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return AddEdge(from.Name, to.Name, options);
    }

    /// <summary>Adds an edge between two nodes named in the graph.</summary>
    public Graph AddEdge(string from, string to, EdgeOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(from);
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ThrowIfFrozen();
        _edges.Add(new GraphEdge(from, to, options ?? new EdgeOptions()));
        return this;
    }

    /// <summary>Adds several edges with default options.</summary>
    public Graph AddEdges(params IEnumerable<(Node From, Node To)> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        foreach (var (from, to) in edges)
        {
            AddEdge(from, to);
        }

        return this;
    }

    /// <summary>Adds several edges between named nodes with default options.</summary>
    public Graph AddEdges(params IEnumerable<(string From, string To)> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        foreach (var (from, to) in edges)
        {
            AddEdge(from, to);
        }

        return this;
    }

    /// <summary>The names of the nodes that feed <paramref name="node"/>, in the order the edges were added.</summary>
    public IReadOnlyList<string> UpstreamOf(string node) =>
        [.. _edges.Where(e => e.To == node).Select(e => e.From)];

    /// <summary>The names of the nodes <paramref name="node"/> feeds, in the order the edges were added.</summary>
    public IReadOnlyList<string> DownstreamOf(string node) =>
        [.. _edges.Where(e => e.From == node).Select(e => e.To)];

    /// <summary>Compiles the graph and a worker mapping into a blueprint; see <see cref="Blueprint.Compile"/>.</summary>
    public Blueprint Compile(IReadOnlyDictionary<string, IReadOnlyList<string>>? mapping = null) =>
        Blueprint.Compile(this, mapping);

    internal void Freeze() => IsFrozen = true;

    private void ThrowIfFrozen()
    {
        if (IsFrozen)
        {
            throw new InvalidOperationException(
                $"Graph '{Name}' was compiled and is frozen; build a new Graph to change it.");
        }
    }
}
